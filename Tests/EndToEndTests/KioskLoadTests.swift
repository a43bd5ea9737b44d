import Foundation
import TestSupport
import Testing

/// Two kiosk processes (two stations) signing on one database at the same time: the chain never
/// forks, nothing is lost, and no parent ever sees a "busy" error.
///
/// Each kiosk completes `INDUCTION_LOAD_SIGNINGS` scripted signings, by default 200 (400 in all, as
/// the issue asks; about 20 s on a two-core machine). Set `INDUCTION_LOAD_SIGNINGS` to run a
/// smaller version while iterating (e.g. `INDUCTION_LOAD_SIGNINGS=20 swift test --filter KioskLoadTests`)
/// or a longer soak.
@Suite("Kiosk: two stations at once", .hangGuard)
struct KioskLoadTests {
  /// Signings per kiosk in the default run: the issue's full 200 (measured at about 20 s for both
  /// kiosks together on a two-core machine, debug build).
  static let defaultSignings = 200

  static var signings: Int {
    guard let text = ProcessInfo.processInfo.environment["INDUCTION_LOAD_SIGNINGS"],
      let value = Int(text), value > 0
    else { return defaultSignings }
    return value
  }

  /// What one kiosk run produced.
  struct Run: Sendable {
    var status: Int32
    var output: String
    var errorOutput: String
    var references: [String]
    var seconds: TimeInterval
  }

  /// Results from the threads driving the kiosks.
  final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var runs: [Int: Result<Run, any Error>] = [:]

    func set(_ index: Int, _ result: Result<Run, any Error>) {
      lock.withLock { runs[index] = result }
    }
    func get(_ index: Int) -> Result<Run, any Error>? { lock.withLock { runs[index] } }
  }

  @Test func twoKiosksSigningAtOnceMakeOneContiguousVerifiedChainWithNoBusyErrors() throws {
    let sandbox = try Sandbox()
    try sandbox.setStaffPin()
    let count = Self.signings
    let stations = ["Reception", "Library"]
    let results = Results()
    let group = DispatchGroup()
    let started = Date()
    // One thread per kiosk, so both really run at once whatever else the test runner is doing.
    for (index, station) in stations.enumerated() {
      let executable = sandbox.executable.path
      let arguments = sandbox.kioskArguments(station: station, seed: 60 + UInt64(index))
      let environment = sandbox.environment
      group.enter()
      let thread = Thread {
        defer { group.leave() }
        results.set(
          index,
          Result {
            try Self.drive(
              executable: executable, arguments: arguments, environment: environment,
              station: station, count: count)
          })
      }
      thread.stackSize = 8 << 20
      thread.start()
    }
    group.wait()
    let seconds = Date().timeIntervalSince(started)

    var runs: [Run] = []
    for index in stations.indices {
      runs.append(try #require(try results.get(index)?.get()))
    }
    let each = zip(stations, runs).map { "\($0) \(String(format: "%.1f", $1.seconds)) s" }.joined(
      separator: ", ")
    print(
      "KioskLoadTests: \(stations.count) kiosks × \(count) signings at once in \(String(format: "%.1f", seconds)) s (\(each))"
    )
    for (station, run) in zip(stations, runs) {
      #expect(run.status == 0, "\(station) exited with \(run.status)")
      #expect(run.references.count == count)
      for text in [run.output, run.errorOutput] {
        let lowered = text.lowercased()
        #expect(!lowered.contains("busy"), "\(station) showed a busy message")
        #expect(!lowered.contains("could not be saved"), "\(station) failed to save")
      }
      #expect(run.errorOutput.isEmpty, "\(station) standard error: \(run.errorOutput.prefix(500))")
    }

    let total = stations.count * count
    #expect(
      try sandbox.query(
        "SELECT count(*), min(seq), max(seq), count(DISTINCT seq) FROM \(signedEntries);")
        == ["\(total)|2|\(total + 1)|\(total)"])
    #expect(
      try sandbox.query(
        "SELECT station, count(*) FROM \(signedEntries) GROUP BY station ORDER BY station;")
        == ["Library|\(count)", "Reception|\(count)"])
    #expect(try sandbox.query("SELECT DISTINCT mode FROM \(signedEntries);") == ["kiosk"])
    // Every reference shown on a receipt is stored, once.
    let shown = Set(runs.flatMap(\.references).map { $0.replacingOccurrences(of: "-", with: "") })
    #expect(shown.count == total)
    #expect(Set(try sandbox.query("SELECT reference FROM \(signedEntries);")) == shown)
    // Every session signed, and no quiz answer lost to a busy database along the way.
    #expect(
      try sandbox.query("SELECT outcome, count(*) FROM session GROUP BY outcome;") == [
        "signed|\(total)"
      ])
    let scenarios = try AnswerKey().scenarioCount
    #expect(try sandbox.count("quiz_attempt") == total * scenarios)
    // The two kiosks really overlapped: the chain switches station more than once.
    let order = try sandbox.query("SELECT station FROM \(signedEntries) ORDER BY seq;")
    let switches = zip(order, order.dropFirst()).filter { $0 != $1 }.count
    #expect(
      count < 5 || switches > 1,
      "the kiosks took turns instead of running at once (\(switches) switches)")
    print("KioskLoadTests: the chain switches station \(switches) times in \(total) entries")

    let verify = try sandbox.verify()
    #expect(verify.status == 0, "verify failed: \(verify.error)")
    #expect(verify.output == (try sandbox.verifyOK(total + 1)))
  }

  /// Runs one kiosk through pipes: `count` parents each read, answer every question right (using
  /// the answer key), sign and leave; then staff close it with the PIN.
  static func drive(
    executable: String, arguments: [String], environment: [String: String], station: String,
    count: Int
  ) throws -> Run {
    let started = Date()
    let program = try PipedProgram(
      executable: executable, arguments: arguments, environment: environment)
    let driver = InductionDriver(program: program, key: try AnswerKey())
    var references: [String] = []
    for number in 1...count {
      let visitor = Visitor(
        name: "\(station) Parent \(number)", relationshipNumber: 1, relationship: "parent",
        child: "\(station) Child \(number)", className: "Year 3")
      references.append(try driver.completeKioskSession(as: visitor))
    }
    try program.waitFor("Press Enter to begin: ", timeout: stepTimeout)
    let status = try driver.closeKiosk()
    return Run(
      status: status, output: program.output, errorOutput: program.errorOutput,
      references: references,
      seconds: Date().timeIntervalSince(started))
  }
}
