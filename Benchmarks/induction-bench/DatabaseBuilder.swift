import Foundation
import GRDB
@_spi(RawStore) import InductionCore

/// Builds the synthetic database through the real store and ledger API: the data folder, the
/// signing key, guidance versions, then acknowledgements appended in batches of 5,000 with
/// ``AppDatabase/appendAcknowledgements(_:key:)`` (the same steps as a single signing: seq,
/// chain, hash, Ed25519 signature, reference, personal details, children, session closed), and a
/// few revocations through ``AppDatabase/revoke(reference:reason:key:at:)``.
///
/// Sessions are inserted as ``AppDatabase/startSession(context:guidance:guidanceText:shown:shownGuidanceText:at:)``
/// inserts an English one (the language left NULL, which reports read as English), but many per
/// transaction: one durable transaction per session would take an hour at a million rows. Quiz
/// attempts are not generated: nothing measured here reads them.
struct DatabaseBuilder {
  /// The data folder to fill.
  let directory: DataDirectory
  /// How many acknowledgements.
  let rows: Int
  /// The school's guidance, statement and classes.
  let school: SchoolFixture
  /// Seed for names, scores and salts.
  let seed: UInt64

  /// Acknowledgements per transaction.
  static let chunkSize = 5_000
  /// The first acknowledgement's time: the start of an autumn term.
  static let firstDate = Date(timeIntervalSince1970: 1_598_950_800)  // 2020-09-01 09:00 UTC
  /// Six school years of acknowledgements.
  static let span: TimeInterval = 6 * 365 * 86_400

  /// What was built.
  struct Summary {
    /// Acknowledgements appended.
    var acknowledgements: Int
    /// Revocations appended.
    var revocations: Int
    /// Seconds it took.
    var seconds: Double
  }

  /// Builds the database; `progress` receives a line now and then.
  func build(progress: (String) -> Void) throws -> Summary {
    let start = MonotonicClock.now()
    try directory.prepare()
    let database = try AppDatabase.open(at: directory.databaseURL)
    guard try !database.hasLedgerEntries() else {
      throw BenchError(
        "\(directory.databaseURL.path) already holds a ledger; use an empty --data-dir or --reuse")
    }
    let key = try SigningKey.loadOrCreate(at: directory.signingKeyURL, create: true)
    try database.registerSigningKey(key, keyPath: directory.signingKeyURL.path, at: Self.firstDate)
    // The guidance changed once, 70 % of the way through: older acknowledgements are "superseded".
    let switchIndex = rows * 7 / 10
    let switchDate = date(of: switchIndex)
    try database.registerGuidanceVersion(
      school.olderGuidance, text: school.olderGuidanceText,
      at: Self.firstDate.addingTimeInterval(-86_400))
    try database.registerGuidanceVersion(school.guidance, text: school.guidanceText, at: switchDate)

    var random = SeededGenerator(seed: seed)
    let families = SyntheticFamilies(classes: school.classes)
    let stations = [
      ("Reception", "kiosk"), ("Reception", "kiosk"), ("Office", "kiosk"),
      ("Nursery entrance", "kiosk"), ("Terminal", "start"),
    ]
    let revocationEvery = max(Self.chunkSize, rows / max(3, rows / 20_000))
    var revocations = 0
    var appended = 0
    while appended < rows {
      let count = min(Self.chunkSize, rows - appended)
      var planned: [(context: SessionContext, guidance: Guidance, date: Date)] = []
      for offset in 0..<count {
        let index = appended + offset
        let station = stations.randomElement(using: &random)!
        planned.append(
          (
            SessionContext(station: station.0, mode: station.1),
            index < switchIndex ? school.olderGuidance : school.guidance, date(of: index)
          ))
      }
      let sessions = try insertSessions(planned, into: database, random: &random)
      var items: [(draft: AcknowledgementDraft, date: Date, salt: [UInt8])] = []
      items.reserveCapacity(count)
      for (offset, plan) in planned.enumerated() {
        let family = families.family(using: &random)
        let firstTry = Int.random(
          in: max(0, school.scenarioCount - 4)...school.scenarioCount, using: &random)
        let retries = (school.scenarioCount - firstTry) * Int.random(in: 1...2, using: &random)
        let details = PersonalDetails(
          parentName: family.parent, relationship: family.relationship,
          signature: random.chance(0.3) ? family.parent.lowercased() : family.parent,
          children: family.children.map { .init(name: $0.name, className: $0.className) })
        let draft = AcknowledgementDraft(
          session: sessions[offset], context: plan.context, guidanceSHA256: plan.guidance.sha256,
          statement: school.statement,
          summary: QuizSummary(
            scenarioCount: school.scenarioCount, firstTryCorrect: firstTry,
            attemptCount: school.scenarioCount + retries),
          attempts: SyntheticAnswers.make(
            scenarioCount: school.scenarioCount, firstTryCorrect: firstTry,
            attemptCount: school.scenarioCount + retries, signedAt: plan.date, random: &random),
          details: details)
        items.append((draft, plan.date, random.bytes(16)))
      }
      let entries = try database.appendAcknowledgements(items, key: key)
      database.checkpointWAL()
      appended += count
      if appended % revocationEvery < count || (appended == rows && revocations == 0) {
        let subject = entries.randomElement(using: &random)!
        _ = try database.revoke(
          reference: subject.reference,
          reason: [
            "Signed for the wrong family", "Duplicate signing at the kiosk",
            "Parent asked to sign again after a mistake",
          ].randomElement(using: &random)!,
          key: key, at: date(of: appended - 1).addingTimeInterval(600))
        revocations += 1
      }
      if appended % 50_000 < count || appended == rows {
        let seconds = MonotonicClock.seconds(since: start)
        progress(
          "built \(appended.formatted()) of \(rows.formatted()) acknowledgements in \(String(format: "%.1f", seconds)) s"
        )
      }
    }
    // Fold the WAL into the file, so every reader below starts from the same state.
    try database.sqlite!.writer.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
    }
    return Summary(
      acknowledgements: appended, revocations: revocations,
      seconds: MonotonicClock.seconds(since: start))
  }

  /// When acknowledgement `index` was signed: evenly spread over six years, seconds apart at most.
  private func date(of index: Int) -> Date {
    Self.firstDate.addingTimeInterval(Self.span * Double(index) / Double(max(rows, 1)))
  }

  /// Inserts one session per plan (started a few minutes before signing), in one transaction, and
  /// a few that ended unsigned, as kiosks leave them. Returns the ids of the sessions to sign.
  private func insertSessions(
    _ plans: [(context: SessionContext, guidance: Guidance, date: Date)],
    into database: AppDatabase,
    random: inout SeededGenerator
  ) throws -> [Int64] {
    let startOffsets = plans.map { _ in TimeInterval(Int.random(in: 180...900, using: &random)) }
    let abandoned = plans.map { _ in random.chance(0.05) }
    return try database.sqlite!.writer.write { db in
      var ids: [Int64] = []
      ids.reserveCapacity(plans.count)
      let insert = try db.cachedStatement(
        sql: """
          INSERT INTO session (started_at, station, mode, guidance_sha256, outcome, ended_at)
          VALUES (?, ?, ?, ?, ?, ?)
          """)
      for (index, plan) in plans.enumerated() {
        let started = plan.date.addingTimeInterval(-startOffsets[index])
        if abandoned[index] {
          try insert.execute(arguments: [
            Timestamp.utc(started.addingTimeInterval(-900)), plan.context.station,
            plan.context.mode,
            plan.guidance.sha256, "timed out", Timestamp.utc(started.addingTimeInterval(-300)),
          ])
        }
        try insert.execute(arguments: [
          Timestamp.utc(started), plan.context.station, plan.context.mode, plan.guidance.sha256,
          "in progress", nil,
        ])
        ids.append(db.lastInsertedRowID)
      }
      return ids
    }
  }
}
