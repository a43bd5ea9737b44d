import ArgumentParser
import Foundation
import InductionCore

#if canImport(Glibc)
  import Glibc
#endif

/// `induction-bench web [--parents N] [--database URL]`: measurement 6, the web page for parents
/// at home under load, on a fresh store of its own; prints its rows of the table.
struct WebCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "web",
    abstract: "Many parents at once through `induction serve` on loopback (measurement 6).",
    discussion: """
      Starts `induction serve --open --behind-proxy` on a free port of 127.0.0.1 with a fresh data \
      folder (SQLite, or the empty PostgreSQL database given with --database), walks one parent \
      through untimed, fetches the style sheet from as many connections as there are parents, then \
      lets every parent walk the whole induction at once and prints the page and signing \
      latencies and the server's peak RSS.
      """)

  @Option(help: "Parents walking the induction at once.")
  var parents: Int = 200

  @Option(
    help: ArgumentHelp(
      "An empty PostgreSQL database (postgres://…) for the server, instead of SQLite.",
      valueName: "url"))
  var database: String?

  @Option(
    help:
      "Mean seconds a parent reads a page before sending its form (each pause uniform from 0 to twice this; default 0: no pause)."
  )
  var thinkTime: Double = 0

  @Option(help: "The scenarios folder (the school's guidance, statement and classes).")
  var scenarios: String = "Scenarios"

  @Option(help: "The induction binary (default: the one next to this bench, i.e. .build/release).")
  var induction: String?

  @Option(help: "Seed for the parents' names and pauses.")
  var seed: UInt64 = 1

  @Flag(help: "Keep the server's data folder at the end.")
  var keep = false

  func validate() throws {
    guard (1...5_000).contains(parents) else {
      throw ValidationError("--parents must be from 1 to 5000")
    }
    guard thinkTime >= 0 && thinkTime <= 60 else {
      throw ValidationError("--think-time must be from 0 to 60 seconds")
    }
  }

  func run() throws {
    do {
      try measure()
    } catch let error as BenchError {
      log("induction-bench: \(error.description)")
      throw ExitCode.failure
    }
  }

  private func measure() throws {
    let inductionPath = try RunCommand.inductionBinary(
      induction, bench: try RunCommand.ownExecutable())
    // Each simulated parent holds a connection, as does the server for each.
    var limit = rlimit()
    getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    if limit.rlim_cur < rlim_t(parents * 2 + 64) {
      limit.rlim_cur = min(limit.rlim_max, rlim_t(parents * 2 + 64))
      setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }

    let school = try SchoolFixture(folder: scenarios)
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "induction-bench-web-\(getpid())")
    let home = scratch.appendingPathComponent("home")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    let dataDirectory = scratch.appendingPathComponent("data")
    defer {
      if keep {
        log("kept the data folder \(dataDirectory.path)")
      } else {
        try? FileManager.default.removeItem(at: scratch)
      }
    }
    let environment = [
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
      "HOME": home.path, "LANG": "C.UTF-8",
    ]
    let machine = MachineDescription.current(sqlite3: nil, scratch: scratch)
    log("machine: \(machine.summary)")
    log("load average before: \(Self.loadAverage())")

    let result = try WebBenchmark(
      induction: inductionPath, scenarios: scenarios, database: database,
      dataDirectory: dataDirectory, school: school,
      correctAnswers: try Self.correctAnswers(scenarios), parents: parents,
      thinkTime: thinkTime, seed: seed, scratch: scratch, environment: environment
    ).run(progress: log)
    let loadAfter = Self.loadAverage()
    log("load average after: \(loadAfter)")

    let report = """
      ## induction-bench web, \(parents) parents at once, \(result.engine)

      Machine: \(machine.summary). Date: \(RunCommand.today()). Load average at the end: \(loadAfter).

      \(result.table.markdown)

      \(result.notes)

      """
    FileHandle.standardOutput.write(Data(report.utf8))
  }

  /// The correct choice of every scenario, in English and every translation in the folder, as
  /// escaped on a page.
  static func correctAnswers(_ folder: String) throws -> Set<String> {
    let catalog: ScenarioCatalog
    do {
      catalog = try ScenarioLinter.load(
        directory: URL(fileURLWithPath: folder), displayPath: folder)
    } catch {
      throw BenchError("could not load the scenarios in \(folder) (\(error))")
    }
    return Set(
      catalog.scenarios.flatMap { $0.choices.filter(\.isCorrect).map { WebPage.escaped($0.text) } }
    )
  }

  /// `/proc/loadavg`'s first three figures.
  static func loadAverage() -> String {
    let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
    return text.split(separator: " ").prefix(3).joined(separator: " ")
  }
}
