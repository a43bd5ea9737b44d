import Foundation

/// Measurement 3: durable append (signing) latency at `synchronous=FULL`, one writer process and
/// then several at once, each a re-execution of this bench as `induction-bench writer` on the same
/// database, started at one shared instant.
struct AppendBenchmark {
  /// This bench's executable.
  let bench: String
  /// The data folder.
  let dataDirectory: URL
  /// The scenarios folder.
  let scenarios: String
  /// Where the writers' outputs go.
  let scratch: URL
  /// The environment for the writers.
  let environment: [String: String]

  /// Latencies of one configuration.
  struct Result {
    /// Writer processes.
    var writers: Int
    /// Every append's latency, seconds.
    var latencies: [Double]
    /// The `synchronous` setting each writer reported (2 is FULL).
    var synchronous: Set<Int>
    /// Wall time from the start instant until the last writer ended.
    var seconds: Double

    /// Median latency, seconds.
    var p50: Double { Statistics.percentile(latencies, 50) }
    /// 99th percentile latency, seconds.
    var p99: Double { Statistics.percentile(latencies, 99) }
    /// Slowest append, seconds.
    var max: Double { latencies.max() ?? 0 }
  }

  /// Runs `writers` writer processes of `count` appends each, all starting together.
  func run(writers: Int, count: Int) throws -> Result {
    let startAt = MonotonicClock.now() + 1_500_000_000  // time for every writer to open the store
    var children: [(pid: pid_t, output: URL)] = []
    defer { for child in children { try? FileManager.default.removeItem(at: child.output) } }
    for writer in 0..<writers {
      let output = scratch.appendingPathComponent("writer-\(writers)-\(writer).txt")
      let pid = try Spawner.spawn(
        bench,
        [
          "writer", "--data-dir", dataDirectory.path, "--scenarios", scenarios, "--count",
          String(count), "--station", "Kiosk \(writer + 1)", "--start-at", String(startAt),
          "--seed", String(1000 + writer),
        ], environment: environment, stdout: .file(output.path))
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
    var result = Result(writers: writers, latencies: [], synchronous: [], seconds: seconds)
    for child in children {
      let text = try String(contentsOf: child.output, encoding: .utf8)
      for line in text.split(separator: "\n") {
        if line.hasPrefix("synchronous ") {
          result.synchronous.insert(Int(line.dropFirst("synchronous ".count)) ?? -1)
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
