import ArgumentParser
import Foundation
@_spi(RawStore) import InductionCore

/// `induction-bench writer` (hidden): one kiosk's worth of signings for the append benchmark. Opens
/// the database as the program does, waits for the shared start instant, then `count` times starts
/// a session (untimed) and appends one acknowledgement with
/// ``AppDatabase/appendAcknowledgement(_:key:at:salt:)``, timing that call alone. With
/// `--database URL` it appends to that PostgreSQL database instead of the SQLite file in the data
/// folder (whose key must then be trusted by that ledger). Prints `setting …` lines (SQLite's
/// `synchronous`, 2 is FULL; PostgreSQL's `fsync` and `synchronous_commit`), then one latency per
/// line in nanoseconds.
struct WriterCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "writer", abstract: "Append acknowledgements one by one and print each latency.",
    shouldDisplay: false)

  @Option(help: "The data folder (the signing key, and the SQLite file without --database).")
  var dataDir: String

  @Option(help: "A PostgreSQL database (postgres://…) to append to instead of the SQLite file.")
  var database: String?

  @Option(help: "The scenarios folder.")
  var scenarios: String = "Scenarios"

  @Option(help: "How many acknowledgements to append.")
  var count: Int = 250

  @Option(help: "The station name recorded.")
  var station: String = "Bench"

  @Option(help: "Start at this CLOCK_MONOTONIC instant (nanoseconds).")
  var startAt: UInt64 = 0

  @Option(help: "Seed for names and salts.")
  var seed: UInt64 = 7

  func run() throws {
    let school = try SchoolFixture(folder: scenarios)
    let directory = DataDirectory(url: URL(fileURLWithPath: dataDir))
    let database: AppDatabase
    let settings: [String]
    if let url = self.database {
      let location = try DatabaseURL.parse(
        url, environment: ProcessInfo.processInfo.environment, homeDirectory: NSHomeDirectory())
      database = AppDatabase(engine: try PostgresEngine.open(location))
      settings = try database.engine.read { db in
        try ["fsync", "synchronous_commit"].map { name in
          "\(name) = "
            + (try String.fetchOne(db, sql: "SELECT current_setting('\(name)')") ?? "?")
        }
      }
    } else {
      database = try AppDatabase.open(at: directory.databaseURL)
      settings = ["synchronous = \(try database.sqlite!.writerSynchronousSetting()) (2 is FULL)"]
    }
    let key = try SigningKey.loadOrCreate(at: directory.signingKeyURL, create: false)
    let status = try database.registerSigningKey(
      key, keyPath: directory.signingKeyURL.path, at: Date())
    guard status == .trusted else {
      throw BenchError("the key in \(dataDir) is \(status.rawValue) in \(database.path)")
    }
    let context = SessionContext(station: station, mode: "kiosk")
    let shown = ShownText(
      language: LanguageTag.english, guidanceSHA256: school.guidance.sha256,
      statement: school.statement)
    var random = SeededGenerator(seed: seed)
    let families = SyntheticFamilies(classes: school.classes)
    var latencies: [UInt64] = []
    latencies.reserveCapacity(count)
    MonotonicClock.sleep(until: startAt)
    for _ in 0..<count {
      let session = try database.startSession(
        context: context, guidance: school.guidance, guidanceText: school.guidanceText,
        shown: shown, shownGuidanceText: school.guidanceText, at: Date())
      let family = families.family(using: &random)
      let draft = AcknowledgementDraft(
        session: session, context: context, guidanceSHA256: school.guidance.sha256,
        statement: school.statement,
        summary: QuizSummary(
          scenarioCount: school.scenarioCount, firstTryCorrect: school.scenarioCount,
          attemptCount: school.scenarioCount),
        attempts: SyntheticAnswers.make(
          scenarioCount: school.scenarioCount, firstTryCorrect: school.scenarioCount,
          attemptCount: school.scenarioCount, signedAt: Date(), random: &random),
        details: PersonalDetails(
          parentName: family.parent, relationship: family.relationship, signature: family.parent,
          children: family.children.map { .init(name: $0.name, className: $0.className) }))
      let salt = random.bytes(16)
      let start = MonotonicClock.now()
      _ = try database.appendAcknowledgement(draft, key: key, at: Date(), salt: salt)
      latencies.append(MonotonicClock.now() - start)
      // As the parent flow does once the receipt is drawn.
      database.checkpointWAL()
    }
    var output = settings.map { "setting \($0)\n" }.joined()
    for latency in latencies { output += "\(latency)\n" }
    FileHandle.standardOutput.write(Data(output.utf8))
  }
}
