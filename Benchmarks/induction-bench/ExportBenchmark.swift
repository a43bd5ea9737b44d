import Foundation

/// Measurement 1: `induction export acknowledgements --out FILE` against `sqlite3 -csv -header`
/// running the equivalent query into a file, on the same database file: wall time and peak RSS,
/// runs alternated, the median of each reported. The two files are then compared cell by cell.
struct ExportBenchmark {
  /// The release `induction` binary.
  let induction: String
  /// The `sqlite3` shell.
  let sqlite3: String
  /// The data folder.
  let dataDirectory: URL
  /// The school fixture (scenarios folder, current guidance, time zone).
  let school: SchoolFixture
  /// Where output files go.
  let scratch: URL
  /// Runs of each program.
  let runs: Int
  /// The environment for both programs.
  let environment: [String: String]
  /// Seconds after which a run is stopped and the program not run again.
  let timeout: Double

  /// What was measured.
  struct Result {
    /// Each induction run.
    var induction: [MeasuredRun]
    /// Each sqlite3 run.
    var sqlite: [MeasuredRun]
    /// Data rows in induction's file (without the header).
    var inductionRows: Int
    /// Data rows in sqlite3's file (without the header).
    var sqliteRows: Int
    /// The first differing row, when they differ.
    var firstDifference: String?
    /// Whether induction was stopped after ``timeout`` seconds (and not run again).
    var inductionTimedOut = false
    /// Whether sqlite3 was stopped after ``timeout`` seconds (and not run again).
    var sqliteTimedOut = false
    /// The time limit per run.
    var timeout: Double = 0

    /// Median wall time of induction, seconds.
    var inductionSeconds: Double { Statistics.median(induction.map(\.wallSeconds)) }
    /// Median wall time of sqlite3, seconds.
    var sqliteSeconds: Double { Statistics.median(sqlite.map(\.wallSeconds)) }
    /// Median peak RSS of induction, MiB.
    var inductionRSSMiB: Double { Statistics.median(induction.map(\.maxRSSMiB)) }
    /// Median peak RSS of sqlite3, MiB.
    var sqliteRSSMiB: Double { Statistics.median(sqlite.map(\.maxRSSMiB)) }
    /// Whether the RSS figures are exact.
    var rssIsExact: Bool { (induction + sqlite).allSatisfy(\.rssIsExact) }
  }

  /// Runs both programs `runs` times each, alternating, then compares their last outputs.
  func run(progress: (String) -> Void) throws -> Result {
    let inductionFile = scratch.appendingPathComponent("acknowledgements-induction.csv")
    let sqliteFile = scratch.appendingPathComponent("acknowledgements-sqlite3.csv")
    let inductionArguments = [
      "export", "acknowledgements", "--out", inductionFile.path, "--force",
      "--data-dir", dataDirectory.path, "--scenarios", school.folder,
    ]
    let database = dataDirectory.appendingPathComponent("induction.sqlite").path
    let sqliteArguments = [
      "-init", "/dev/null", "-csv", "-header", database,
      EquivalentExportQuery.sql(currentGuidance: school.guidance.sha256),
    ]
    var sqliteEnvironment = environment
    sqliteEnvironment["TZ"] = school.timeZone.identifier
    var result = Result(
      induction: [], sqlite: [], inductionRows: 0, sqliteRows: 0, timeout: timeout)
    func describe(_ run: MeasuredRun?, _ timedOut: Bool) -> String {
      guard let run else { return timedOut ? "stopped after \(Int(timeout)) s" : "not run" }
      return String(format: "%.3f s, %.1f MiB", run.wallSeconds, run.maxRSSMiB)
    }
    for run in 1...runs {
      var ours: MeasuredRun?
      if !result.inductionTimedOut {
        ours = try MeasuredRun.run(
          induction, inductionArguments, environment: environment, stdout: .null, scratch: scratch,
          timeout: timeout)
        if let ours { result.induction.append(ours) } else { result.inductionTimedOut = true }
      }
      var theirs: MeasuredRun?
      if !result.sqliteTimedOut {
        theirs = try MeasuredRun.run(
          sqlite3, sqliteArguments, environment: sqliteEnvironment, stdout: .file(sqliteFile.path),
          scratch: scratch, timeout: timeout)
        if let theirs { result.sqlite.append(theirs) } else { result.sqliteTimedOut = true }
      }
      progress(
        "export run \(run)/\(runs): induction \(describe(ours, result.inductionTimedOut)); sqlite3 \(describe(theirs, result.sqliteTimedOut))"
      )
      if result.inductionTimedOut && result.sqliteTimedOut { break }
    }
    if !result.inductionTimedOut && !result.sqliteTimedOut {
      try compare(inductionFile, sqliteFile, into: &result)
    }
    try? FileManager.default.removeItem(at: inductionFile)
    try? FileManager.default.removeItem(at: sqliteFile)
    return result
  }

  private func compare(_ ours: URL, _ theirs: URL, into result: inout Result) throws {
    var left = CSVRecordReader(Array(try Data(contentsOf: ours)))
    var right = CSVRecordReader(Array(try Data(contentsOf: theirs)))
    var row = -1
    while true {
      let a = left.next()
      let b = right.next()
      if a == nil && b == nil { break }
      if a != nil { result.inductionRows = row + 1 }
      if b != nil { result.sqliteRows = row + 1 }
      if result.firstDifference == nil && a != b {
        result.firstDifference =
          "row \(row + 1): induction \(a.map { "\($0)" } ?? "(none)") vs sqlite3 \(b.map { "\($0)" } ?? "(none)")"
      }
      row += 1
    }
  }
}
