import ArgumentParser
import Foundation
import GRDB
@_spi(RawStore) import InductionCore

#if canImport(Glibc)
  import Glibc
#endif

/// `induction-bench [--rows N] [--database URL]`: builds the database, runs the five measurements,
/// prints the table. With `--database`, the built store is also copied into that (empty) PostgreSQL
/// database, and the export (against `psql`) and the appends are measured there too.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run", abstract: "Build a synthetic database and run every measurement.")

  @Option(help: "Acknowledgements in the synthetic database.")
  var rows: Int = 100_000

  @Option(help: "Data folder to build in (default: a temporary folder, removed at the end).")
  var dataDir: String?

  @Flag(help: "Keep the data folder at the end.")
  var keep = false

  @Flag(help: "Use the database already in --data-dir instead of building one.")
  var reuse = false

  @Option(help: "The scenarios folder (the school's guidance, statement and classes).")
  var scenarios: String = "Scenarios"

  @Option(help: "The induction binary (default: the one next to this bench, i.e. .build/release).")
  var induction: String?

  @Option(help: "The sqlite3 shell (default: sqlite3 on PATH).")
  var sqlite3: String?

  @Option(help: "Seed for the synthetic names, scores and salts.")
  var seed: UInt64 = 1

  @Option(help: "Runs of each export (the median is reported).")
  var exportRuns: Int = 3

  @Option(help: "Seconds after which an export run is stopped (and that program not run again).")
  var exportTimeout: Double = 120

  @Option(help: "Timed start-ups of each program (the median is reported).")
  var startupRuns: Int = 10

  @Option(help: "Appends per writer process.")
  var appends: Int = 250

  @Option(help: "Concurrent writer processes in the second append run.")
  var writers: Int = 4

  @Option(
    help: ArgumentHelp(
      "An empty PostgreSQL database (postgres://…): also measure the export and appends there.",
      valueName: "url"))
  var database: String?

  @Flag(help: "With --database: measure only PostgreSQL (the SQLite store is still built).")
  var postgresOnly = false

  @Option(help: "The psql shell, with --database (default: psql on PATH).")
  var psql: String?

  @Option(help: "Only these measurements, e.g. 1,5 (default: all five).")
  var only: String = "1,2,3,4,5"

  @Option(
    help:
      "Runs of verify and of the tight loop (the best is reported; default 3, 1 above 200,000 rows)."
  )
  var verifyRuns: Int?

  func validate() throws {
    guard rows >= 1 else { throw ValidationError("--rows must be at least 1") }
    guard !reuse || dataDir != nil else { throw ValidationError("--reuse needs --data-dir") }
    guard exportRuns >= 1, startupRuns >= 1, appends >= 1, writers >= 1 else {
      throw ValidationError("run counts must be at least 1")
    }
    guard !postgresOnly || database != nil else {
      throw ValidationError("--postgres-only needs --database")
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
    let bench = try Self.ownExecutable()
    let inductionPath = try Self.inductionBinary(induction, bench: bench)
    let environmentPath = ProcessInfo.processInfo.environment["PATH"]
    guard let sqlitePath = sqlite3 ?? Spawner.which("sqlite3", path: environmentPath) else {
      throw BenchError("no sqlite3 on PATH; install it (apt-get install sqlite3) or pass --sqlite3")
    }
    let psqlPath: String?
    if database != nil {
      guard let found = psql ?? Spawner.which("psql", path: environmentPath) else {
        throw BenchError(
          "no psql on PATH; install it (apt-get install postgresql-client) or pass --psql")
      }
      psqlPath = found
    } else {
      psqlPath = nil
    }
    let school = try SchoolFixture(folder: scenarios)

    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "induction-bench-scratch-\(getpid())")
    let home = scratch.appendingPathComponent("home")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let dataURL =
      dataDir.map { URL(fileURLWithPath: $0) }
      ?? FileManager.default.temporaryDirectory.appendingPathComponent(
        "induction-bench-data-\(getpid())")
    let removeData = dataDir == nil && !keep
    defer {
      if removeData {
        try? FileManager.default.removeItem(at: dataURL)
      } else {
        log("kept the data folder \(dataURL.path)")
      }
    }
    let environment = [
      "PATH": environmentPath ?? "/usr/local/bin:/usr/bin:/bin", "HOME": home.path,
      "LANG": "C.UTF-8", "TERM": "xterm-256color",
    ]
    let machine = MachineDescription.current(sqlite3: sqlitePath, scratch: scratch)
    log("machine: \(machine.summary)")
    log(
      "peak RSS: \(MeasuredRun.gnuTime == nil ? "no GNU time at /usr/bin/time; figures may include the bench's own memory" : "measured through GNU time's wait4")"
    )

    let directory = DataDirectory(url: dataURL)
    var entryCount = rows
    var buildNote = ""
    if reuse && FileManager.default.fileExists(atPath: directory.databaseURL.path) {
      log("reusing \(directory.databaseURL.path)")
      let database = try AppDatabase.open(at: directory.databaseURL)
      entryCount = try database.sqlite!.writer.read {
        try Int.fetchOne($0, sql: "SELECT count(*) FROM ledger") ?? 0
      }
      buildNote = "reused an existing database"
    } else {
      let summary = try DatabaseBuilder(
        directory: directory, rows: rows, school: school, seed: seed
      )
      .build(progress: log)
      entryCount = summary.acknowledgements + summary.revocations
      buildNote =
        "built \(summary.acknowledgements.formatted()) acknowledgements and \(summary.revocations) revocation\(summary.revocations == 1 ? "" : "s") in \(String(format: "%.1f", summary.seconds)) s (\(Int(Double(summary.acknowledgements) / summary.seconds).formatted()) appends/s in batches of \(DatabaseBuilder.chunkSize.formatted()))"
    }
    log(buildNote)
    let fileSize =
      (try? FileManager.default.attributesOfItem(atPath: directory.databaseURL.path)[.size] as? Int)
      ?? 0

    let selected = Set(
      only.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) })
    var results = Results()
    if let database, let psqlPath {
      log("copying the store into \(database)")
      let copy = try PostgresStore(url: database, psql: psqlPath, environment: environment)
        .copy(from: directory.databaseURL, progress: log)
      results.postgres = Results.Postgres(copy: copy)
      log(
        "copied \(copy.rows.formatted()) rows (\(copy.ledgerEntries.formatted()) ledger entries) in \(String(format: "%.1f", copy.seconds)) s; PostgreSQL \(copy.serverVersion)"
      )
      if selected.contains(1) {
        log("1. export (PostgreSQL)")
        results.postgres?.export = try ExportBenchmark(
          induction: inductionPath, store: .postgres(url: database, psql: psqlPath),
          dataDirectory: dataURL, school: school, scratch: scratch, runs: exportRuns,
          environment: environment, timeout: exportTimeout
        ).run(progress: log)
      }
      if selected.contains(3) {
        log("3. durable appends (PostgreSQL)")
        results.postgres?.appends = try measureAppends(
          AppendBenchmark(
            bench: bench, dataDirectory: dataURL, database: database, scenarios: scenarios,
            scratch: scratch, environment: environment))
      }
    }
    let sqliteSelected = postgresOnly ? [] : selected

    if sqliteSelected.contains(1) {
      log("1. export")
      results.export = try ExportBenchmark(
        induction: inductionPath, store: .sqlite(shell: sqlitePath), dataDirectory: dataURL,
        school: school, scratch: scratch, runs: exportRuns, environment: environment,
        timeout: exportTimeout
      ).run(progress: log)
    }
    if sqliteSelected.contains(5) {
      log("5. export as a workbook")
      results.workbook = try WorkbookExportBenchmark(
        induction: inductionPath, dataDirectory: dataURL, school: school, scratch: scratch,
        runs: exportRuns, environment: environment, timeout: exportTimeout
      ).run(progress: log)
    }
    if sqliteSelected.contains(4) {
      log("4. verify")
      let verify = try VerifyBenchmark(
        databaseURL: directory.databaseURL, runs: verifyRuns ?? (rows > 200_000 ? 1 : 3)
      ).run(progress: log)
      entryCount = verify.entries
      results.verify = verify
    }
    if sqliteSelected.contains(2) {
      log("2. start-up")
      results.startup = try StartupBenchmark(
        induction: inductionPath, sqlite3: sqlitePath, dataDirectory: dataURL, scenarios: scenarios,
        runs: startupRuns, environment: environment
      ).run()
    }
    if sqliteSelected.contains(3) {
      log("3. durable appends")
      results.appends = try measureAppends(
        AppendBenchmark(
          bench: bench, dataDirectory: dataURL, scenarios: scenarios, scratch: scratch,
          environment: environment))
    }

    let report = """
      ## induction-bench, \(reuse ? "an existing database" : "\(rows.formatted()) acknowledgements") (\(entryCount.formatted()) ledger entries, \(Format.mebibytes(Double(fileSize) / 1_048_576)) database)

      Machine: \(machine.summary). Date: \(Self.today()).

      \(results.table(rows: rows).markdown)

      \(results.notes(buildNote: buildNote))

      """
    FileHandle.standardOutput.write(Data(report.utf8))
  }

  /// One writer, then ``writers`` at once.
  private func measureAppends(_ benchmark: AppendBenchmark) throws -> (
    single: AppendBenchmark.Result, concurrent: AppendBenchmark.Result
  ) {
    let single = try benchmark.run(writers: 1, count: appends)
    log(
      "one writer: p50 \(Format.duration(single.p50)), p99 \(Format.duration(single.p99)), max \(Format.duration(single.max))"
    )
    let concurrent = try benchmark.run(writers: writers, count: appends)
    log(
      "\(writers) writers: p50 \(Format.duration(concurrent.p50)), p99 \(Format.duration(concurrent.p99)), max \(Format.duration(concurrent.max))"
    )
    return (single, concurrent)
  }

  /// The `induction` binary to time: `given`, else the one next to the bench; warns when a
  /// source file is newer than it.
  static func inductionBinary(_ given: String?, bench: String) throws -> String {
    let path =
      given
      ?? URL(fileURLWithPath: bench).deletingLastPathComponent().appendingPathComponent("induction")
      .path
    guard access(path, X_OK) == 0 else {
      throw BenchError(
        "no induction binary at \(path); build it first: swift build -c release && swift run -c release induction-bench"
      )
    }
    if let stale = newerSource(than: path) {
      log(
        "warning: \(stale) is newer than \(path); run swift build -c release first, or the figures are for an old build"
      )
    }
    return path
  }

  /// A source file under `Sources/` (of the current folder) modified after the binary at `path`.
  static func newerSource(than path: String) -> String? {
    guard
      let built = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate]
        as? Date,
      let files = FileManager.default.enumerator(atPath: "Sources")
    else { return nil }
    for case let file as String in files where file.hasSuffix(".swift") || file.hasSuffix(".h") {
      let full = "Sources/" + file
      if let modified = (try? FileManager.default.attributesOfItem(atPath: full))?[
        .modificationDate] as? Date,
        modified > built
      {
        return full
      }
    }
    return nil
  }

  /// The path of this executable.
  static func ownExecutable() throws -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard length > 0 else { throw BenchError("could not find this executable (/proc/self/exe)") }
    return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// Today as `YYYY-MM-DD`.
  static func today() -> String {
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyy-MM-dd"
    formatter.locale = Locale(identifier: "en_US_POSIX")
    return formatter.string(from: Date())
  }
}

/// A progress line on standard error.
func log(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
}
