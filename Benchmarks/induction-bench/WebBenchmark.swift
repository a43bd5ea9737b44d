import Foundation
import InductionCore
import NIOPosix

#if canImport(Glibc)
  import Glibc
#endif

/// Measurement 6: `induction serve --open` on loopback with many parents at once, each walking the
/// whole induction as a browser would (``WebParent``), beside the floor: as many connections at
/// once fetching the server's style sheet, a file it serves from memory with no session, no store
/// and no template.
///
/// The server runs as it does behind the school's reverse proxy (`--behind-proxy`, the packaged
/// unit's setting): it takes each client's address from `X-Forwarded-For`, so each simulated
/// parent has an address of their own and the per-address limit (60 new inductions in ten
/// minutes) applies to each as it would to parents at home. Nothing in the server is changed or
/// switched off for the bench.
struct WebBenchmark {
  /// The release `induction` binary.
  let induction: String
  /// The scenarios folder.
  let scenarios: String
  /// An empty PostgreSQL database, or nil for SQLite in the data folder.
  let database: String?
  /// A fresh data folder for the server (its key, and its SQLite store).
  let dataDirectory: URL
  /// The school: its classes.
  let school: SchoolFixture
  /// The correct choice of every scenario in every language, as escaped on a page.
  let correctAnswers: Set<String>
  /// Parents at once.
  let parents: Int
  /// Mean seconds a parent spends on a page before sending its form (0: none).
  let thinkTime: Double
  /// Seeds the names and pauses.
  let seed: UInt64
  /// Where the server's output goes.
  let scratch: URL
  /// The server's environment.
  let environment: [String: String]

  /// What one run measured.
  struct Result: Sendable {
    /// "SQLite" or "PostgreSQL".
    var engine: String
    /// Parents at once.
    var parents: Int
    /// Mean think time, seconds.
    var thinkTime: Double
    /// Every parent's walk.
    var walks: [WebParent.Timings]
    /// Wall time from the start instant until the last parent had their receipt.
    var seconds: Double
    /// Every request of the floor: the style sheet, fetched by `parents` connections at once.
    var floor: [Double]
    /// Requests per floor connection (as many as the warm-up parent made).
    var floorPerConnection: Int
    /// Wall time of the floor.
    var floorSeconds: Double
    /// The server's resident set just after it answered first, KiB.
    var idleRSSKiB: Int
    /// The server's peak resident set (VmHWM) at the end, KiB.
    var peakRSSKiB: Int
    /// The server's resident set at the end, KiB.
    var endRSSKiB: Int
    /// The server's threads at the end.
    var threads: Int
    /// The server's CPU time during the parents' run, seconds.
    var serverCPUSeconds: Double
    /// The bench's own CPU time during the parents' run (the simulated browsers), seconds.
    var benchCPUSeconds: Double
    /// `induction verify`'s first line after the server stopped.
    var verified: String
    /// The server's exit status after SIGTERM.
    var serverExit: Int32

    /// Every page of every parent.
    var pages: [Double] { walks.flatMap(\.pages) }
    /// Every request of every parent.
    var requests: [Double] { walks.flatMap(\.requests) }
    /// Every signing page.
    var signingPages: [Double] { walks.map(\.signingPage) }
    /// Every signing request.
    var signingRequests: [Double] { walks.map(\.signingRequest) }
  }

  /// Starts the server, warms it up with one parent, measures the floor and then the parents,
  /// reads the server's memory, stops it and verifies the ledger it wrote.
  func run(progress: @escaping @Sendable (String) -> Void) throws -> Result {
    let port = try ServeProcess.freePort()
    var arguments = [
      "serve", "--open", "--behind-proxy", "--listen", "127.0.0.1:\(port)", "--data-dir",
      dataDirectory.path, "--scenarios", scenarios,
    ]
    if let database { arguments += ["--database", database] }
    let server = try ServeProcess.start(
      induction: induction, arguments: arguments, port: port, environment: environment,
      logs: scratch)
    var stopped = false
    defer { if !stopped { server.stop() } }

    // The clients are asynchronous (NIO); this command, like the others, is not.
    let job = Job(benchmark: self, server: server, progress: progress)
    let finished = DispatchSemaphore(value: 0)
    let box = OutcomeBox()
    Task {
      do { box.result = .success(try await job.run()) } catch { box.result = .failure(error) }
      finished.signal()
    }
    finished.wait()
    guard var result = try box.result?.get() else {
      throw BenchError("the web run ended without a result")
    }

    result.serverExit = server.stop()
    stopped = true
    progress("server stopped with status \(result.serverExit); verifying its ledger")
    result.verified = try verify()
    return result
  }

  /// `induction verify` on the server's store: the first line of what it printed; throws unless
  /// it passed with every signing there (the genesis, the warm-up parent and every parent).
  private func verify() throws -> String {
    let output = scratch.appendingPathComponent("verify.out")
    var arguments = ["verify", "--data-dir", dataDirectory.path, "--scenarios", scenarios]
    if let database { arguments += ["--database", database] }
    let pid = try Spawner.spawn(
      induction, arguments, environment: environment, stdout: .file(output.path))
    let exit = try Spawner.wait(pid)
    let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    let first = text.split(separator: "\n").first.map(String.init) ?? ""
    guard exit.status == 0, first.hasPrefix("ok: \(parents + 2) entries") else {
      throw BenchError(
        "induction verify after the run said \"\(first)\" (status \(exit.status)); expected ok: \(parents + 2) entries"
      )
    }
    return first
  }
}

/// Carries the async part's outcome to the waiting thread.
private final class OutcomeBox: @unchecked Sendable {
  var result: Swift.Result<WebBenchmark.Result, any Error>?
}

/// The asynchronous part of a run: the HTTP clients.
private struct Job: Sendable {
  let benchmark: WebBenchmark
  let server: ServeProcess
  let progress: @Sendable (String) -> Void

  func run() async throws -> WebBenchmark.Result {
    let loop = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    do {
      let result = try await measure(loop)
      try await loop.shutdownGracefully()
      return result
    } catch {
      try? await loop.shutdownGracefully()
      throw error
    }
  }

  private func measure(_ loop: MultiThreadedEventLoopGroup) async throws -> WebBenchmark.Result {
    let port = server.port
    try await waitUntilAnswering(loop)
    let idle = try server.memory()
    progress(
      "induction serve answers on 127.0.0.1:\(port) (pid \(server.pid), \(Format.mebibytes(Double(idle.currentKiB) / 1024)) resident)"
    )

    // One parent first, untimed: the first page drawn, the first signing (key, statements).
    let warmUp = try await HTTPConnection.with(group: loop, host: "127.0.0.1", port: port) {
      connection in
      var parent = makeParent(-1)
      return try await parent.walk(on: &connection)
    }
    let perConnection = warmUp.requests.count
    progress(
      "warm-up parent: \(warmUp.pages.count) pages, \(perConnection) requests, reference \(warmUp.reference)"
    )

    let count = benchmark.parents
    progress("floor: \(count) connections at once, \(perConnection) style sheet requests each")
    let floorGate = StartGate(expected: count)
    var floor: [Double] = []
    let floorStart = MonotonicClock.now()
    try await withThrowingTaskGroup(of: [Double].self) { group in
      for _ in 0..<count {
        group.addTask {
          try await floorGate.connect(loop, port) { connection in
            var latencies: [Double] = []
            latencies.reserveCapacity(perConnection)
            for _ in 0..<perConnection {
              let sent = MonotonicClock.now()
              let response = try await connection.send(.GET, "/assets/induction.css")
              latencies.append(MonotonicClock.seconds(since: sent))
              guard response.status == 200 else {
                throw BenchError("the style sheet answered \(response.status)")
              }
            }
            return latencies
          }
        }
      }
      for try await latencies in group { floor += latencies }
    }
    let floorSeconds = MonotonicClock.seconds(since: floorStart)
    progress(
      "floor: p50 \(Format.duration(Statistics.percentile(floor, 50))), p99 \(Format.duration(Statistics.percentile(floor, 99))) over \(floor.count) requests in \(Format.duration(floorSeconds))"
    )

    progress("\(count) parents at once")
    let gate = StartGate(expected: count)
    let serverCPU = try server.cpuSeconds()
    let benchCPU = Self.ownCPUSeconds()
    var walks: [WebParent.Timings] = []
    try await withThrowingTaskGroup(of: WebParent.Timings.self) { group in
      for index in 0..<count {
        group.addTask {
          try await gate.connect(loop, port) { connection in
            var parent = makeParent(index)
            return try await parent.walk(on: &connection)
          }
        }
      }
      for try await walk in group { walks.append(walk) }
    }
    let seconds = MonotonicClock.seconds(since: await gate.openedAt)
    let serverCPUSeconds = try server.cpuSeconds() - serverCPU
    let benchCPUSeconds = Self.ownCPUSeconds() - benchCPU
    try server.checkRunning()
    let memory = try server.memory()
    return WebBenchmark.Result(
      engine: benchmark.database == nil ? "SQLite" : "PostgreSQL", parents: count,
      thinkTime: benchmark.thinkTime, walks: walks, seconds: seconds, floor: floor,
      floorPerConnection: perConnection, floorSeconds: floorSeconds, idleRSSKiB: idle.currentKiB,
      peakRSSKiB: memory.peakKiB, endRSSKiB: memory.currentKiB, threads: server.threads(),
      serverCPUSeconds: serverCPUSeconds, benchCPUSeconds: benchCPUSeconds, verified: "",
      serverExit: 0)
  }

  /// Parent `index` (-1: the warm-up): an address of their own, a name, a child and a class.
  private func makeParent(_ index: Int) -> WebParent {
    var random = SeededGenerator(
      seed: benchmark.seed &* 1_000_003 &+ UInt64(bitPattern: Int64(index)))
    let family = SyntheticFamilies(classes: benchmark.school.classes).family(using: &random)
    let number = index + 2
    // Documentation addresses (RFC 5737) for the warm-up, private ones for the parents.
    let address =
      index < 0 ? "192.0.2.1" : "10.\(number >> 16 & 255).\(number >> 8 & 255).\(number & 255)"
    return WebParent(
      address: address, name: family.parent, child: family.children[0].name,
      className: family.children[0].className, correctAnswers: benchmark.correctAnswers,
      thinkTime: benchmark.thinkTime, seed: random.next())
  }

  /// Polls the style sheet until the server answers (60 s at most), failing at once if it exits.
  private func waitUntilAnswering(_ loop: MultiThreadedEventLoopGroup) async throws {
    let deadline = MonotonicClock.now() + 60_000_000_000
    while true {
      try server.checkRunning()
      do {
        let response = try await HTTPConnection.with(
          group: loop, host: "127.0.0.1", port: server.port
        ) { try await $0.send(.GET, "/assets/induction.css") }
        if response.status == 200 { return }
      } catch {
        guard MonotonicClock.now() < deadline else {
          throw BenchError("induction serve did not answer on port \(server.port) within 60 s")
        }
      }
      try await Task.sleep(nanoseconds: 50_000_000)
    }
  }

  /// This process's CPU time so far (user + system), seconds.
  private static func ownCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
  }
}

/// Holds every connection until all are open, then lets them go at one instant.
private actor StartGate {
  let expected: Int
  private var arrived = 0
  private var waiting: [CheckedContinuation<Void, Never>] = []
  private var opened: UInt64?

  init(expected: Int) { self.expected = expected }

  /// Counts one arrival and waits until all have arrived.
  func arriveAndWait() async {
    arrived += 1
    if arrived >= expected {
      opened = MonotonicClock.now()
      for continuation in waiting { continuation.resume() }
      waiting = []
      return
    }
    await withCheckedContinuation { waiting.append($0) }
  }

  /// Counts one that will not come (its connection failed), so the others are not held forever.
  func giveUp() {
    arrived += 1
    if arrived >= expected {
      opened = MonotonicClock.now()
      for continuation in waiting { continuation.resume() }
      waiting = []
    }
  }

  /// Opens a connection to 127.0.0.1:`port`, waits at the gate, then runs `body` on it.
  nonisolated func connect<Value: Sendable>(
    _ loop: MultiThreadedEventLoopGroup, _ port: Int,
    _ body: (inout HTTPConnection) async throws -> Value
  ) async throws -> Value {
    var arrived = false
    do {
      return try await HTTPConnection.with(group: loop, host: "127.0.0.1", port: port) {
        connection in
        arrived = true
        await arriveAndWait()
        return try await body(&connection)
      }
    } catch {
      if !arrived { await giveUp() }
      throw error
    }
  }

  /// When the gate opened (now, if it never did).
  var openedAt: UInt64 { opened ?? MonotonicClock.now() }
}
