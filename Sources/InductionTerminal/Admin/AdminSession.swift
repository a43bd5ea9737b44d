import Foundation
import InductionCore

/// Everything an admin command needs, passed in as one value: the store and this PC's key, the
/// school's settings and guidance (read leniently, so an admin can export while a scenario file is
/// being edited), where output and errors go, the clock, and a reader for confirmations. The
/// composition root builds the real one; tests build their own.
public struct AdminSession {
  /// The database.
  public var database: AppDatabase
  /// This PC's signing key (nil for a command that only reads an existing database).
  public var key: SigningKey?
  /// The data folder.
  public var dataDirectory: DataDirectory
  /// The guidance now in force and the school's time zone, for exports.
  public var export: ExportContext
  /// The current guidance, when `guidance.md` could be read.
  public var guidance: Guidance?
  /// The school's settings and scenarios, when the folder passes lint.
  public var catalog: ScenarioCatalog?
  /// The whole scenarios folder as linted once when the session opened, translation packs and
  /// all (nil when the session was built without one): exports and stats read the current
  /// translations and language names from it instead of linting the folder again.
  public var contentReport: ContentLintReport?
  /// The scenarios folder as given.
  public var scenariosPath: String
  /// Standard output.
  public var output: Console
  /// Standard error (progress, problems, notes that must not mix with `--out -` data).
  public var errors: Console
  /// The descriptor `--out -` streams to.
  public var standardOutput: Int32
  /// Where confirmations are read; nil when nobody can be asked (not a terminal).
  public var reader: LineReader?
  /// The time.
  public var clock: Clock

  /// Creates a session.
  public init(
    database: AppDatabase, key: SigningKey?, dataDirectory: DataDirectory, export: ExportContext,
    guidance: Guidance?, catalog: ScenarioCatalog?, scenariosPath: String, output: Console,
    errors: Console, standardOutput: Int32, reader: LineReader?, clock: Clock
  ) {
    self.database = database
    self.key = key
    self.dataDirectory = dataDirectory
    self.export = export
    self.guidance = guidance
    self.catalog = catalog
    self.scenariosPath = scenariosPath
    self.output = output
    self.errors = errors
    self.standardOutput = standardOutput
    self.reader = reader
    self.clock = clock
  }

  /// Opens the store in `directory` and reads the scenarios folder at `scenariosPath` leniently.
  public static func open(
    database: AppDatabase, key: SigningKey?, dataDirectory: DataDirectory, scenariosPath: String,
    output: Console, errors: Console, standardOutput: Int32, reader: LineReader?, clock: Clock
  ) throws -> AdminSession {
    let folder = URL(fileURLWithPath: scenariosPath)
    let content = SchoolContentLoader.lint(scenariosPath)
    let report = content.english
    var guidance: Guidance?
    if case .success(let text) = TextFileReader.read(folder.appendingPathComponent("guidance.md")) {
      guidance = Guidance(text: text)
      try database.registerGuidanceVersion(guidance!, text: text, at: clock.now())
    }
    let latest = try database.guidanceVersions().last?.sha256 ?? ""
    // Links made before links were signed gain their entries the first time a trusted key opens
    // the store (nothing happens once the ledger holds a link entry).
    if let key {
      let signed = try database.signEarlierRosterLinks(key: key, at: clock.now())
      if signed > 0 {
        errors.line(
          "signed \(trusted: AdminSession.count(signed, "roster link")) made before links were signed"
        )
      }
    }
    let zone = report.catalog?.school.timeZone ?? TimeZone(identifier: "Europe/London")!
    var session = AdminSession(
      database: database, key: key, dataDirectory: dataDirectory,
      export: ExportContext(currentGuidance: guidance?.sha256 ?? latest, timeZone: zone),
      guidance: guidance, catalog: report.catalog, scenariosPath: scenariosPath, output: output,
      errors: errors, standardOutput: standardOutput, reader: reader, clock: clock)
    session.contentReport = content
    return session
  }

  /// Refuses, naming the damage, unless `verify` finds the ledger sound: who has acknowledged is
  /// worked out from the ledger, its roster links and match keys, and a list built on a damaged
  /// one could show a child as acknowledged by an edit. `what` names the list not written.
  public func requireProvableLedger(for what: String) throws {
    let report = try database.verifyLedger()
    guard let damage = report.damage else { return }
    throw AdminFailure(
      "the ledger in \(database.path) is damaged at \(damage), so the \(what) was not written (it could show a child as acknowledged who is not); keep a copy of the database, run induction verify and restore from a backup"
    )
  }

  /// Refuses unless this PC's key is one the ledger trusts: an unenrolled PC on a shared database
  /// may not change records or read anyone's details.
  public func requireEnrolledKey() throws {
    let key = try signingKey()
    let status = try database.keyTrust().status(of: key.publicKey)
    guard status == .trusted else {
      let fingerprint = KeyFingerprint.display(key.id)
      throw AdminFailure(
        "this PC's key \(fingerprint) is \(status == .retired ? "retired" : "not enrolled in the ledger"), so it may not change records or read anyone's details; on a PC already in use, run `induction keys enrol \(key.id.uppercased()) --name NAME`"
      )
    }
  }

  /// This PC's key, for a command that signs.
  public func signingKey() throws -> SigningKey {
    guard let key else {
      throw StoreError.signingKeyMissing(path: dataDirectory.signingKeyURL.path)
    }
    return key
  }

  /// The school's settings, when the folder passes lint.
  public var school: SchoolSettings? { catalog?.school }

  /// `n thing` or `n things`.
  static func count(_ number: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(number) \(number == 1 ? singular : plural ?? singular + "s")"
  }
}
