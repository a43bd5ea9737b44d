import Foundation
@_spi(RawStore) import InductionCore

/// Measurement 3: durable append (signing) latency, one writer process and then several at once,
/// each a re-execution of this bench as `induction-bench writer`, started at one shared instant.
///
/// On SQLite (`synchronous=FULL`) every writer opens the same database file in the same data
/// folder and signs with that folder's key, as several terminals of one PC would. On PostgreSQL
/// (`database` set) every writer is a PC of its own: its own data folder and signing key, enrolled
/// in the ledger (an enrolment entry signed by the data folder's key, which made the genesis) before
/// anything is timed, as `induction keys enrol` does for a new kiosk.
struct AppendBenchmark {
  /// This bench's executable.
  let bench: String
  /// The data folder (the SQLite file, and the genesis key).
  let dataDirectory: URL
  /// The PostgreSQL database's URL, or nil for the SQLite file in the data folder.
  var database: String? = nil
  /// The scenarios folder.
  let scenarios: String
  /// Where the writers' outputs (and, on PostgreSQL, their data folders) go.
  let scratch: URL
  /// The environment for the writers.
  let environment: [String: String]

  /// Latencies of one configuration.
  struct Result {
    /// Writer processes.
    var writers: Int
    /// Every append's latency, seconds.
    var latencies: [Double]
    /// The durability settings each writer reported (SQLite: `synchronous = 2`, where 2 is FULL;
    /// PostgreSQL: `fsync` and `synchronous_commit`).
    var settings: Set<String>
    /// Wall time from the start instant until the last writer ended.
    var seconds: Double

    /// Median latency, seconds.
    var p50: Double { Statistics.percentile(latencies, 50) }
    /// 99th percentile latency, seconds.
    var p99: Double { Statistics.percentile(latencies, 99) }
    /// Slowest append, seconds.
    var max: Double { latencies.max() ?? 0 }
  }

  /// The data folder of PostgreSQL writer `index` (0-based): its own signing key.
  func writerFolder(_ index: Int) -> URL {
    scratch.appendingPathComponent("postgres-writer-\(index + 1)")
  }

  /// On PostgreSQL, gives writers 1…`writers` a signing key each and enrols every key not yet
  /// trusted, signed by the data folder's key (the genesis key). Nothing on SQLite.
  func enrolWriters(_ writers: Int) throws {
    guard let database else { return }
    let location = try DatabaseURL.parse(
      database, environment: ProcessInfo.processInfo.environment,
      homeDirectory: NSHomeDirectory())
    let store = AppDatabase(engine: try PostgresEngine.open(location))
    defer { (store.engine as? PostgresEngine)?.close() }
    let home = DataDirectory(url: dataDirectory)
    let genesis = try SigningKey.loadOrCreate(at: home.signingKeyURL, create: false)
    guard
      try store.registerSigningKey(genesis, keyPath: home.signingKeyURL.path, at: Date())
        == .trusted
    else {
      throw BenchError("the key in \(dataDirectory.path) is not trusted by \(location.displayName)")
    }
    for index in 0..<writers {
      let folder = DataDirectory(url: writerFolder(index))
      try folder.prepare()
      let key = try SigningKey.loadOrCreate(at: folder.signingKeyURL, create: true)
      let status = try store.registerSigningKey(key, keyPath: folder.signingKeyURL.path, at: Date())
      if status != .trusted {
        try store.enrolKey(key.publicKey, name: "Bench kiosk \(index + 1)", by: genesis, at: Date())
      }
    }
  }

  /// Runs `writers` writer processes of `count` appends each, all starting together.
  func run(writers: Int, count: Int) throws -> Result {
    try enrolWriters(writers)
    // Time for every writer to open the store (and, on PostgreSQL, connect and log in).
    let startAt = MonotonicClock.now() + (database == nil ? 1_500_000_000 : 2_500_000_000)
    var children: [(pid: pid_t, output: URL)] = []
    defer { for child in children { try? FileManager.default.removeItem(at: child.output) } }
    for writer in 0..<writers {
      let output = scratch.appendingPathComponent("writer-\(writers)-\(writer).txt")
      var arguments = [
        "writer", "--scenarios", scenarios, "--count", String(count), "--station",
        "Kiosk \(writer + 1)", "--start-at", String(startAt), "--seed", String(1000 + writer),
      ]
      if let database {
        arguments += ["--data-dir", writerFolder(writer).path, "--database", database]
      } else {
        arguments += ["--data-dir", dataDirectory.path]
      }
      let pid = try Spawner.spawn(
        bench, arguments, environment: environment, stdout: .file(output.path))
      children.append((pid, output))
    }
    var failures: [String] = []
    for (index, child) in children.enumerated() {
      let exit = try Spawner.wait(child.pid)
      if exit.status != 0 {
        failures.append("writer \(index + 1) exited with status \(exit.status)")
      }
    }
    let seconds = Double(MonotonicClock.now() - startAt) / 1e9
    guard failures.isEmpty else { throw BenchError(failures.joined(separator: "; ")) }
    var result = Result(writers: writers, latencies: [], settings: [], seconds: seconds)
    for child in children {
      let text = try String(contentsOf: child.output, encoding: .utf8)
      for line in text.split(separator: "\n") {
        if line.hasPrefix("setting ") {
          result.settings.insert(String(line.dropFirst("setting ".count)))
        } else if let nanoseconds = UInt64(line) {
          result.latencies.append(Double(nanoseconds) / 1e9)
        }
      }
    }
    guard result.latencies.count == writers * count else {
      throw BenchError(
        "the writers reported \(result.latencies.count) latencies, expected \(writers * count)")
    }
    return result
  }
}
