import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One run of a program to its end: wall time, CPU time and peak resident memory.
///
/// Peak RSS is `ru_maxrss` from `wait4`. On Linux a process's `ru_maxrss` starts at the peak of the
/// process that *exec'd* it: `posix_spawn` (vfork-like) execs from the bench's own address space,
/// so a directly spawned child would report at least the bench's own peak (tens of MiB after
/// building the database). When GNU time is installed the program is therefore started through it:
/// `/usr/bin/time` is spawned with `posix_spawn`, forks the program from its own ~1 MiB process,
/// reaps it with `wait4` and writes the program's `ru_maxrss`, which is what is reported. Without
/// GNU time the figure is the bench's `wait4` and is marked as an upper bound.
struct MeasuredRun {
  /// Wall-clock seconds from spawn to reaping.
  var wallSeconds: Double
  /// User + system CPU seconds of the program.
  var cpuSeconds: Double
  /// Peak resident set size in KiB.
  var maxRSSKiB: Int
  /// Whether ``maxRSSKiB`` is exact (false: it may include the bench's own peak).
  var rssIsExact: Bool

  /// Peak RSS in MiB.
  var maxRSSMiB: Double { Double(maxRSSKiB) / 1024 }

  /// GNU time, when installed.
  static let gnuTime: String? = {
    let path = "/usr/bin/time"
    return access(path, X_OK) == 0 ? path : nil
  }()

  /// Runs `executable` to its end with standard output going to `stdout`; throws when it fails.
  /// Returns nil when it is still running after `timeout` seconds: it is then stopped (with GNU
  /// time, which runs in its own process group).
  static func run(
    _ executable: String, _ arguments: [String], environment: [String: String],
    stdout: Spawner.Stream, scratch: URL, timeout: Double
  ) throws -> MeasuredRun? {
    let rssFile = scratch.appendingPathComponent(
      "maxrss-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    defer { unlink(rssFile.path) }
    let (program, programArguments) =
      gnuTime.map { ($0, ["-f", "%M", "-o", rssFile.path, "--", executable] + arguments) }
      ?? (executable, arguments)
    let start = MonotonicClock.now()
    let pid = try Spawner.spawn(
      program, programArguments, environment: environment, stdout: stdout, stderr: .inherit,
      newProcessGroup: true)
    let stopped = TimeoutFlag()
    let stopper = DispatchWorkItem {
      stopped.set()
      kill(-pid, SIGKILL)
    }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: stopper)
    let exit = try Spawner.wait(pid)
    let wall = MonotonicClock.seconds(since: start)
    stopper.cancel()
    if stopped.isSet { return nil }
    guard exit.status == 0 else {
      throw BenchError(
        "\(executable) \(arguments.joined(separator: " ")) exited with status \(exit.status)")
    }
    let cpu =
      Double(exit.usage.ru_utime.tv_sec) + Double(exit.usage.ru_utime.tv_usec) / 1e6
      + Double(exit.usage.ru_stime.tv_sec) + Double(exit.usage.ru_stime.tv_usec) / 1e6
    if gnuTime != nil {
      let text = (try? String(contentsOf: rssFile, encoding: .utf8)) ?? ""
      guard let kib = text.split(whereSeparator: \.isNewline).last.flatMap({ Int($0) }) else {
        throw BenchError("GNU time wrote no peak RSS for \(executable) (it wrote: \(text))")
      }
      return MeasuredRun(wallSeconds: wall, cpuSeconds: cpu, maxRSSKiB: kib, rssIsExact: true)
    }
    return MeasuredRun(
      wallSeconds: wall, cpuSeconds: cpu, maxRSSKiB: Int(exit.usage.ru_maxrss), rssIsExact: false)
  }
}

/// Set once, from the timer, when a run was stopped for taking too long.
final class TimeoutFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false

  /// Marks the run as stopped.
  func set() {
    lock.lock()
    value = true
    lock.unlock()
  }

  /// Whether the run was stopped.
  var isSet: Bool {
    lock.lock()
    defer { lock.unlock() }
    return value
  }
}
