import Foundation
import InductionCore

/// Seeds a database through the public store API, exactly as signings, revocations and quiz answers
/// reach it in the program: sessions, acknowledgements (one at a time or in batches), revocations.
///
/// Used by the export, completion and statistics tests and, on a real data folder, by the
/// end-to-end admin tests (the built binary then finds the same database and signing key).
public final class LedgerBuilder {
  /// The database written to.
  public let database: AppDatabase
  /// The key every entry is signed with.
  public let key: SigningKey
  /// The statement every acknowledgement signs.
  public var statement = "I have read the guidance."
  private var saltCounter: UInt8 = 0

  /// Registers `key` with `database`.
  public init(database: AppDatabase, key: SigningKey = Fixtures.signingKey) throws {
    self.database = database
    self.key = key
    try database.registerSigningKey(
      key, keyPath: "test-key", at: LedgerBuilder.utc("2026-01-01 00:00"))
  }

  /// A builder over a new in-memory database (a new PostgreSQL one when the tests run on it).
  public static func inMemory() throws -> LedgerBuilder {
    try LedgerBuilder(database: TestEngine.default.makeDatabase())
  }

  /// A builder over a new database file in its own temporary folder.
  public static func onDisk(_ label: String = "ledger") throws -> LedgerBuilder {
    let folder = Fixtures.temporaryDirectory(label)
    return try LedgerBuilder(
      database: AppDatabase.open(at: folder.appendingPathComponent("induction.sqlite")))
  }

  /// A builder over the data folder `folder` as the `induction` binary lays it out: the folder (0700),
  /// `signing-key` (created here, 0600) and `induction.sqlite`. The binary run with
  /// `--data-dir folder` then signs with the same key and reads the same ledger.
  public static func dataDirectory(_ folder: URL) throws -> LedgerBuilder {
    let directory = DataDirectory(url: folder)
    try directory.prepare()
    let key = try SigningKey.loadOrCreate(at: directory.signingKeyURL, create: true)
    return try LedgerBuilder(database: AppDatabase.open(at: directory.databaseURL), key: key)
  }

  /// The default guidance of the tests (``Fixtures/guidanceText``).
  public static let fixtureGuidance = Guidance(text: Fixtures.guidanceText)

  /// The guidance shipped in `Scenarios/guidance.md`, and its text, as the binary reads it.
  public static func shippedGuidance() throws -> (guidance: Guidance, text: String) {
    try guidance(in: BuiltBinary.scenariosDirectory)
  }

  /// The guidance in `folder/guidance.md`, with CRLF read as LF as the binary does.
  public static func guidance(in folder: URL) throws -> (guidance: Guidance, text: String) {
    let text = try String(contentsOf: folder.appendingPathComponent("guidance.md"), encoding: .utf8)
      .replacingOccurrences(of: "\r\n", with: "\n")
    return (Guidance(text: text), text)
  }

  /// A session as a parent's induction starts it, on `guidance`.
  public func startSession(
    at date: Date, station: String = "Reception", mode: String = "kiosk",
    guidance: Guidance = LedgerBuilder.fixtureGuidance, guidanceText: String = Fixtures.guidanceText
  ) throws -> Int64 {
    try database.startSession(
      context: SessionContext(station: station, mode: mode), guidance: guidance,
      guidanceText: guidanceText, shown: .english(guidance, statement: statement),
      shownGuidanceText: guidanceText, at: date)
  }

  /// A draft for one signing (a session is started for it unless `session` is given).
  public func draft(
    parent: String, relationship: String = "parent", signature: String? = nil,
    children: [(name: String, className: String)], at date: Date, station: String = "Reception",
    mode: String = "kiosk", guidance: Guidance = LedgerBuilder.fixtureGuidance,
    guidanceText: String = Fixtures.guidanceText, firstTryCorrect: Int = 2, scenarioCount: Int = 2,
    session: Int64? = nil, attempts: [QuizAttempt] = []
  ) throws -> AcknowledgementDraft {
    let session =
      try session
      ?? startSession(
        at: date, station: station, mode: mode, guidance: guidance, guidanceText: guidanceText)
    return AcknowledgementDraft(
      session: session, context: SessionContext(station: station, mode: mode),
      guidanceSHA256: guidance.sha256,
      statement: statement,
      summary: QuizSummary(
        scenarioCount: scenarioCount, firstTryCorrect: firstTryCorrect,
        attemptCount: scenarioCount + (scenarioCount - firstTryCorrect)),
      attempts: attempts,
      details: PersonalDetails(
        parentName: parent, relationship: relationship, signature: signature ?? parent,
        children: children.map { PersonalDetails.Child(name: $0.name, className: $0.className) }))
  }

  /// Signs one acknowledgement through ``AppDatabase/appendAcknowledgement(_:key:at:salt:)``.
  @discardableResult
  public func sign(
    parent: String, relationship: String = "parent", children: [(name: String, className: String)],
    at date: Date, station: String = "Reception", mode: String = "kiosk",
    guidance: Guidance = LedgerBuilder.fixtureGuidance,
    guidanceText: String = Fixtures.guidanceText,
    firstTryCorrect: Int = 2, scenarioCount: Int = 2, session: Int64? = nil,
    attempts: [QuizAttempt] = []
  ) throws -> LedgerEntry {
    let draft = try draft(
      parent: parent, relationship: relationship, children: children, at: date, station: station,
      mode: mode,
      guidance: guidance, guidanceText: guidanceText, firstTryCorrect: firstTryCorrect,
      scenarioCount: scenarioCount, session: session, attempts: attempts)
    return try database.appendAcknowledgement(draft, key: key, at: date, salt: nextSalt())
  }

  /// Signs one acknowledgement read in `shown.language`, as the parent flow does since translations
  /// exist: the session starts in that language (registering the translation's text) and the entry
  /// binds the language and the text shown beside the English `guidance` and ``statement``.
  @discardableResult
  public func sign(
    parent: String, children: [(name: String, className: String)], at date: Date,
    shown: ShownText, shownGuidanceText: String,
    guidance: Guidance = LedgerBuilder.fixtureGuidance,
    guidanceText: String = Fixtures.guidanceText, attempts: [QuizAttempt] = []
  ) throws -> LedgerEntry {
    let session = try database.startSession(
      context: SessionContext(station: "Reception", mode: "kiosk"), guidance: guidance,
      guidanceText: guidanceText, shown: shown, shownGuidanceText: shownGuidanceText, at: date)
    for attempt in attempts { try database.recordAttempt(attempt, session: session) }
    var draft = try draft(
      parent: parent, children: children, at: date, guidance: guidance, guidanceText: guidanceText,
      session: session, attempts: attempts)
    draft.shown = shown
    return try database.appendAcknowledgement(draft, key: key, at: date, salt: nextSalt())
  }

  /// Revokes `entry` through ``AppDatabase/revoke(reference:reason:key:at:)``.
  @discardableResult
  public func revoke(
    _ entry: LedgerEntry, reason: String = "Signed for the wrong child", at date: Date
  ) throws
    -> LedgerEntry
  {
    try database.revoke(reference: entry.reference, reason: reason, key: key, at: date)
  }

  /// Appends `count` one-child acknowledgements with the batch API, `chunk` per transaction, one
  /// second apart from `start`. No sessions are started (the batch API closes none then).
  public func bulk(
    count: Int, chunk: Int = 5_000, start: Date, guidance: Guidance = LedgerBuilder.fixtureGuidance,
    guidanceText: String = Fixtures.guidanceText
  ) throws {
    try database.registerGuidanceVersion(guidance, text: guidanceText, at: start)
    let salt = nextSalt()
    var index = 0
    while index < count {
      let end = min(count, index + chunk)
      let items = (index..<end).map { number in
        let date = start.addingTimeInterval(Double(number))
        let draft = AcknowledgementDraft(
          session: 0, context: SessionContext(station: "Reception", mode: "kiosk"),
          guidanceSHA256: guidance.sha256, statement: statement,
          summary: QuizSummary(scenarioCount: 16, firstTryCorrect: 14, attemptCount: 18),
          attempts: [],
          details: PersonalDetails(
            parentName: "Parent \(number)", relationship: "parent", signature: "Parent \(number)",
            children: [.init(name: "Child \(number)", className: "Year \(number % 6 + 1)")]))
        return (draft: draft, date: date, salt: salt)
      }
      _ = try database.appendAcknowledgements(items, key: key)
      database.checkpointWAL()
      index = end
    }
  }

  private func nextSalt() -> [UInt8] {
    saltCounter &+= 1
    return Array(repeating: saltCounter, count: 16)
  }

  /// `2026-07-01 10:00` or `2026-07-01 10:00:05`, read as UTC.
  public static func utc(_ text: String) -> Date {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")!
    formatter.dateFormat = text.count > 16 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm"
    guard let date = formatter.date(from: text) else { fatalError("not a date: \(text)") }
    return date
  }

  /// `2026-07-01 11:00:00 +01:00`: `date` in Europe/London with its offset, formatted by Foundation
  /// (independently of the program's own formatting), for dates a test cannot fix in advance.
  public static func london(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "Europe/London")!
    formatter.dateFormat = "yyyy-MM-dd HH:mm:ss xxx"
    return formatter.string(from: date)
  }

  /// `ABCD-EFGH` for the stored reference `ABCDEFGH`.
  public static func shown(_ entry: LedgerEntry) -> String {
    String(entry.reference.prefix(4)) + "-" + String(entry.reference.dropFirst(4))
  }

  /// `1 (0123456789ab)`: how the acknowledgements export names guidance version `number`.
  public static func version(_ number: Int, _ guidance: Guidance) -> String {
    "\(number) (\(guidance.sha256.prefix(12)))"
  }
}

/// The byte-order mark every export starts with.
public let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

/// Whether every record of `bytes` (a CSV file) ends with CRLF: outside quoted fields, every CR is
/// followed by LF and every LF follows a CR; and the file ends with CRLF. Returns the number of
/// records, or `nil` when a line end is bare.
public func crlfRecordCount(_ bytes: [UInt8]) -> Int? {
  var inQuotes = false
  var records = 0
  var index = 0
  while index < bytes.count {
    let byte = bytes[index]
    if byte == UInt8(ascii: "\"") {
      inQuotes.toggle()
    } else if !inQuotes && byte == 0x0D {
      guard index + 1 < bytes.count, bytes[index + 1] == 0x0A else { return nil }
      records += 1
      index += 1
    } else if !inQuotes && byte == 0x0A {
      return nil
    }
    index += 1
  }
  guard !inQuotes, bytes.suffix(2) == [0x0D, 0x0A] else { return nil }
  return records
}

/// A line-by-line comparison for failure messages: the first lines that differ.
public func lineDiff(_ actual: String, _ expected: String) -> String {
  let a = actual.components(separatedBy: "\r\n")
  let e = expected.components(separatedBy: "\r\n")
  var out: [String] = []
  for index in 0..<max(a.count, e.count) {
    let left = index < a.count ? a[index] : "<none>"
    let right = index < e.count ? e[index] : "<none>"
    if left != right {
      out.append(
        "line \(index + 1):\n  actual:   \(left.debugDescription)\n  expected: \(right.debugDescription)"
      )
    }
  }
  return out.isEmpty ? "identical" : out.prefix(12).joined(separator: "\n")
}

extension AppDatabase {
  /// The ledger entries that record what people did, oldest first: every entry but the genesis and
  /// other key entries.
  public func signedEntries() throws -> [LedgerEntry] {
    try ledgerEntries().filter { !$0.kind.namesKey }
  }
}

extension ShownText {
  /// What a parent reading `guidance` in English is shown, as the program starts their session.
  public static func english(_ guidance: Guidance, statement: String = "I have read the guidance.")
    -> ShownText
  {
    ShownText(
      language: LanguageTag.english, guidanceSHA256: guidance.sha256, statement: statement)
  }
}
