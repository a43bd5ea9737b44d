import Foundation

/// Measurement 1: `induction export acknowledgements --out FILE` against the engine's own shell
/// running the equivalent query into a file, on the same data: `sqlite3 -csv -header` on the
/// SQLite file, or `psql --csv` on the PostgreSQL database (with `induction … --database URL`).
/// Wall time and peak RSS, runs alternated, the median of each reported. The two files are then
/// compared cell by cell.
struct ExportBenchmark {
  /// Where the data is, and which shell is the baseline.
  enum Store {
    /// The SQLite file in the data folder, against the `sqlite3` shell at this path.
    case sqlite(shell: String)
    /// The PostgreSQL database at `url`, against `psql` at this path.
    case postgres(url: String, psql: String)

    /// The baseline's name in the table.
    var baselineName: String {
      switch self {
      case .sqlite: "sqlite3"
      case .postgres: "psql"
      }
    }
  }

  /// The release `induction` binary.
  let induction: String
  /// The store and its shell.
  let store: Store
  /// The data folder (the SQLite file, and the signing key).
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
    /// The baseline's name: `sqlite3` or `psql`.
    var baselineName: String
    /// Each induction run.
    var induction: [MeasuredRun]
    /// Each baseline run.
    var baseline: [MeasuredRun]
    /// On PostgreSQL: each run of `psql` with the program's own query alone (no per-row work).
    var programQuery: [MeasuredRun] = []
    /// Data rows in induction's file (without the header).
    var inductionRows: Int
    /// Data rows in the baseline's file (without the header).
    var baselineRows: Int
    /// The first differing row, when they differ.
    var firstDifference: String?
    /// Whether induction was stopped after ``timeout`` seconds (and not run again).
    var inductionTimedOut = false
    /// Whether the baseline was stopped after ``timeout`` seconds (and not run again).
    var baselineTimedOut = false
    /// The time limit per run.
    var timeout: Double = 0

    /// Median wall time of induction, seconds.
    var inductionSeconds: Double { Statistics.median(induction.map(\.wallSeconds)) }
    /// Median wall time of the baseline, seconds.
    var baselineSeconds: Double { Statistics.median(baseline.map(\.wallSeconds)) }
    /// Median peak RSS of induction, MiB.
    var inductionRSSMiB: Double { Statistics.median(induction.map(\.maxRSSMiB)) }
    /// Median peak RSS of the baseline, MiB.
    var baselineRSSMiB: Double { Statistics.median(baseline.map(\.maxRSSMiB)) }
    /// Whether the RSS figures are exact.
    var rssIsExact: Bool { (induction + baseline).allSatisfy(\.rssIsExact) }
  }

  /// Runs both programs `runs` times each, alternating, then compares their last outputs.
  func run(progress: (String) -> Void) throws -> Result {
    let name = store.baselineName
    let inductionFile = scratch.appendingPathComponent("acknowledgements-induction.csv")
    let baselineFile = scratch.appendingPathComponent("acknowledgements-\(name).csv")
    var inductionArguments = [
      "export", "acknowledgements", "--out", inductionFile.path, "--force",
      "--data-dir", dataDirectory.path, "--scenarios", school.folder,
    ]
    let baselineProgram: String
    let baselineArguments: [String]
    var programQueryArguments: [String]?
    var baselineEnvironment = environment
    switch store {
    case .sqlite(let shell):
      baselineProgram = shell
      baselineArguments = [
        "-init", "/dev/null", "-csv", "-header",
        dataDirectory.appendingPathComponent("induction.sqlite").path,
        EquivalentExportQuery.sql(currentGuidance: school.guidance.sha256),
      ]
      baselineEnvironment["TZ"] = school.timeZone.identifier
    case .postgres(let url, let psql):
      inductionArguments += ["--database", url]
      baselineProgram = psql
      // -X: no ~/.psqlrc; ON_ERROR_STOP so that a failing query is a failing run.
      baselineArguments = [
        "-X", "-q", "--csv", "-v", "ON_ERROR_STOP=1", "-d", url, "-c",
        EquivalentExportQuery.postgresSQL(
          currentGuidance: school.guidance.sha256, timeZone: school.timeZone.identifier),
      ]
      programQueryArguments =
        Array(baselineArguments.dropLast()) + [EquivalentExportQuery.postgresProgramQuery]
    }
    var result = Result(
      baselineName: name, induction: [], baseline: [], inductionRows: 0, baselineRows: 0,
      timeout: timeout)
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
      if !result.baselineTimedOut {
        theirs = try MeasuredRun.run(
          baselineProgram, baselineArguments, environment: baselineEnvironment,
          stdout: .file(baselineFile.path), scratch: scratch, timeout: timeout)
        if let theirs { result.baseline.append(theirs) } else { result.baselineTimedOut = true }
      }
      if let programQueryArguments, !result.baselineTimedOut,
        let floor = try MeasuredRun.run(
          baselineProgram, programQueryArguments, environment: baselineEnvironment, stdout: .null,
          scratch: scratch, timeout: timeout)
      {
        result.programQuery.append(floor)
      }
      progress(
        "export run \(run)/\(runs): induction \(describe(ours, result.inductionTimedOut)); \(name) \(describe(theirs, result.baselineTimedOut))"
      )
      if result.inductionTimedOut && result.baselineTimedOut { break }
    }
    if !result.inductionTimedOut && !result.baselineTimedOut {
      try compare(inductionFile, baselineFile, into: &result)
    }
    try? FileManager.default.removeItem(at: inductionFile)
    try? FileManager.default.removeItem(at: baselineFile)
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
      if b != nil { result.baselineRows = row + 1 }
      if result.firstDifference == nil && a != b {
        result.firstDifference =
          "row \(row + 1): induction \(a.map { "\($0)" } ?? "(none)") vs \(result.baselineName) \(b.map { "\($0)" } ?? "(none)")"
      }
      row += 1
    }
  }
}
