import Foundation

/// Measurement 2: time from launch to the first screen. `induction start` in a pseudo-terminal until
/// "Welcome to" is on screen (each run then left to reach its first prompt, untimed, so it finishes
/// starting as it would in front of a parent: the first run caches the scenarios), against the
/// interactive `sqlite3` shell on the same database until its `sqlite>` prompt. One untimed warm-up
/// each, then runs alternated; the median is reported.
struct StartupBenchmark {
  /// The release `induction` binary.
  let induction: String
  /// The `sqlite3` shell.
  let sqlite3: String
  /// The data folder.
  let dataDirectory: URL
  /// The scenarios folder.
  let scenarios: String
  /// Timed runs of each.
  let runs: Int
  /// The environment for both programs (a terminal type, a home without rc files).
  let environment: [String: String]

  /// Seconds to the first screen, run by run.
  struct Result {
    /// `induction start` to "Welcome to".
    var induction: [Double]
    /// `sqlite3` to `sqlite>`.
    var sqlite: [Double]
    /// Median of ``induction``.
    var inductionSeconds: Double { Statistics.median(induction) }
    /// Median of ``sqlite``.
    var sqliteSeconds: Double { Statistics.median(sqlite) }
  }

  /// Runs the warm-ups and the timed runs.
  func run() throws -> Result {
    let database = dataDirectory.appendingPathComponent("induction.sqlite").path
    let ours = {
      try PseudoTerminalRun.secondsUntil(
        "Welcome to", executable: induction,
        arguments: ["start", "--data-dir", dataDirectory.path, "--scenarios", scenarios],
        environment: environment, settle: "Press Enter to begin: ")
    }
    let theirs = {
      try PseudoTerminalRun.secondsUntil(
        "sqlite> ", executable: sqlite3, arguments: [database],
        environment: environment)
    }
    _ = try ours()
    _ = try theirs()
    var result = Result(induction: [], sqlite: [])
    for _ in 0..<runs {
      result.induction.append(try ours())
      result.sqlite.append(try theirs())
    }
    return result
  }
}
