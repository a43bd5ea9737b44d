import ArgumentParser
import Foundation
import GRDB
import InductionCore

/// `induction-bench verify-selftest` (hidden): damages copies of a ledger of a few thousand entries
/// (enough for several signature batches) in one, two or three places at once, and checks that
/// ``AppDatabase/verifyLedger()`` gives exactly the report of ``ReferenceVerifier`` (the first bad
/// seq, the kind of damage and the entry count) every time.
struct VerifySelfTestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify-selftest",
    abstract: "Check the parallel verify against entry-by-entry verification on damaged ledgers.",
    shouldDisplay: false)

  @Option(help: "Acknowledgements in the ledger.")
  var rows: Int = 3_000

  @Option(help: "Damaged copies to check.")
  var cases: Int = 120

  @Option(help: "The scenarios folder.")
  var scenarios: String = "Scenarios"

  @Option(help: "Seed for the damage.")
  var seed: UInt64 = 11

  /// Ways to damage entry `p`, as someone editing the file behind the program's back would.
  static let damages: [(String, @Sendable (Int) -> String)] = [
    ("signature", { "UPDATE ledger SET signature = zeroblob(64) WHERE seq = \($0)" }),
    ("field", { "UPDATE ledger SET station = 'Elsewhere' WHERE seq = \($0)" }),
    (
      "reference", { "UPDATE ledger SET reference = 'ZZ' || printf('%06d', seq) WHERE seq = \($0)" }
    ),
    ("longer reference", { "UPDATE ledger SET reference = reference || 'Z' WHERE seq = \($0)" }),
    (
      "parent name",
      { "UPDATE personal_details SET parent_name = 'Someone Else' WHERE ledger_seq = \($0)" }
    ),
    ("details removed", { "DELETE FROM personal_details WHERE ledger_seq = \($0)" }),
    (
      "child renamed",
      {
        "UPDATE acknowledged_child SET name = 'Another Child' WHERE ledger_seq = \($0) AND position = 0"
      }
    ),
    ("children removed", { "DELETE FROM acknowledged_child WHERE ledger_seq = \($0)" }),
    (
      "child added",
      {
        "INSERT OR IGNORE INTO acknowledged_child VALUES (\($0), 9, 'Extra', 'Year 1', 'extra', 'year 1')"
      }
    ),
    ("entry removed", { "DELETE FROM ledger WHERE seq = \($0)" }),
    ("link", { "UPDATE ledger SET prev_hash = zeroblob(32) WHERE seq = \($0)" }),
    ("key", { "UPDATE ledger SET key_id = 'feedfacefeedface' WHERE seq = \($0)" }),
    ("salt", { "UPDATE personal_details SET salt = zeroblob(16) WHERE ledger_seq = \($0)" }),
  ]

  func run() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent(
      "induction-verify-selftest-\(getpid())")
    defer { try? FileManager.default.removeItem(at: base) }
    let school = try SchoolFixture(folder: scenarios)
    let built = base.appendingPathComponent("built")
    let summary = try DatabaseBuilder(
      directory: DataDirectory(url: built), rows: rows, school: school, seed: seed
    ).build(progress: log)
    // The genesis entry naming the key comes first.
    let total = 1 + summary.acknowledgements + summary.revocations
    let original = DataDirectory(url: built).databaseURL
    var random = SeededGenerator(seed: seed)
    var failures = 0
    var kinds: [String: Int] = [:]
    for index in 0..<cases {
      let folder = base.appendingPathComponent("case-\(index)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let copy = folder.appendingPathComponent("induction.sqlite")
      try FileManager.default.copyItem(at: original, to: copy)
      var applied: [String] = []
      let damageCount = index < 20 ? 1 : Int.random(in: 1...3, using: &random)
      var sameEntry: Int?
      for _ in 0..<damageCount {
        // Now and then two damages on one entry, which tests the order of the checks within it.
        let seq = sameEntry ?? Int.random(in: 1...total, using: &random)
        sameEntry = random.chance(0.25) ? seq : nil
        let damage = Self.damages.randomElement(using: &random)!
        applied.append("\(damage.0) at \(seq)")
        try tamper(copy, damage.1(seq))
      }
      let database = try AppDatabase.open(at: copy)
      let expected = try ReferenceVerifier.verify(database)
      let actual = try database.verifyLedger()
      kinds[expected.damage.map { "\($0.kind)" } ?? "none", default: 0] += 1
      if actual != expected {
        failures += 1
        log("MISMATCH (\(applied.joined(separator: ", "))): expected \(expected), got \(actual)")
      }
      try? FileManager.default.removeItem(at: folder)
    }
    // Verify from every thread of a busy pool at once: it must finish without a free worker.
    let shared = try AppDatabase.open(at: original)
    let reports = ReportBox()
    DispatchQueue.concurrentPerform(iterations: 4 * ProcessInfo.processInfo.activeProcessorCount) {
      _ in
      reports.append(Result { try shared.verifyLedger() })
    }
    let healthy = VerificationReport(entryCount: total, damage: nil)
    let concurrentFailures = reports.all.filter { (try? $0.get()) != healthy }.count
    if concurrentFailures > 0 {
      failures += 1
      log(
        "MISMATCH: \(concurrentFailures) concurrent verifications did not report a healthy ledger")
    } else {
      log("\(reports.all.count) verifications at once from a busy thread pool: all healthy")
    }
    log(
      "reports by kind: \(kinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))"
    )
    guard failures == 0 else {
      log("verify-selftest: \(failures) of \(cases) damaged ledgers were reported differently")
      throw ExitCode.failure
    }
    log(
      "verify-selftest: all \(cases) damaged ledgers of \(total) entries reported exactly as entry-by-entry verification does"
    )
  }

  /// Opens the file behind the program's back, triggers and foreign keys off, and runs `sql`.
  private func tamper(_ url: URL, _ sql: String) throws {
    let queue = try DatabaseQueue(path: url.path)
    try queue.writeWithoutTransaction { db in
      try db.execute(
        sql:
          "DROP TRIGGER IF EXISTS ledger_no_update; DROP TRIGGER IF EXISTS ledger_no_delete; PRAGMA foreign_keys = OFF"
      )
      try db.execute(sql: sql)
    }
    try queue.close()
  }
}

/// Results gathered from several threads.
final class ReportBox: @unchecked Sendable {
  private let lock = NSLock()
  private var results: [Result<VerificationReport, any Error>] = []

  /// Adds one result.
  func append(_ result: Result<VerificationReport, any Error>) {
    lock.lock()
    results.append(result)
    lock.unlock()
  }

  /// Every result so far.
  var all: [Result<VerificationReport, any Error>] {
    lock.lock()
    defer { lock.unlock() }
    return results
  }
}
