import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `induction serve` as a child of the bench: started, waited for, its memory and CPU time read
/// from `/proc`, stopped with SIGTERM as systemd stops it.
struct ServeProcess {
  /// The server's process id.
  let pid: pid_t
  /// The port it listens on, on 127.0.0.1.
  let port: Int
  /// Where its standard error goes (read when it fails).
  let errorLog: URL

  /// Starts `induction` with `arguments` (which must make it listen on 127.0.0.1:`port`).
  static func start(
    induction: String, arguments: [String], port: Int, environment: [String: String],
    logs: URL
  ) throws -> ServeProcess {
    let output = logs.appendingPathComponent("serve-\(port).out")
    let errors = logs.appendingPathComponent("serve-\(port).err")
    let pid = try Spawner.spawn(
      induction, arguments, environment: environment, stdout: .file(output.path),
      stderr: .file(errors.path))
    return ServeProcess(pid: pid, port: port, errorLog: errors)
  }

  /// Whether the server has exited (it is then reaped); throws with its message when it has.
  func checkRunning() throws {
    var raw: Int32 = 0
    let result = waitpid(pid, &raw, WNOHANG)
    guard result == pid else { return }
    let message = (try? String(contentsOf: errorLog, encoding: .utf8)) ?? ""
    throw BenchError(
      "induction serve exited with status \(raw >> 8)\(message.isEmpty ? "" : ": " + message.trimmingCharacters(in: .whitespacesAndNewlines))"
    )
  }

  /// Memory figures of the running server, in KiB, from `/proc/PID/status`: `VmHWM` (the peak
  /// resident set since it started: a new address space at `exec`, so nothing of the bench's is
  /// in it) and `VmRSS` (now).
  func memory() throws -> (peakKiB: Int, currentKiB: Int) {
    let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
    func field(_ name: String) -> Int? {
      guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") })
      else { return nil }
      return line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first
        .flatMap { Int($0) }
    }
    guard let peak = field("VmHWM"), let current = field("VmRSS") else {
      throw BenchError("no VmHWM or VmRSS in /proc/\(pid)/status")
    }
    return (peak, current)
  }

  /// The server's CPU time so far (user + system), seconds, from `/proc/PID/stat`.
  func cpuSeconds() throws -> Double {
    let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
    // The command name, in brackets, may hold spaces: count fields after its closing bracket.
    guard let close = stat.lastIndex(of: ")") else { return 0 }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    // Fields 14 and 15 of the line (utime, stime) are the 12th and 13th after the name.
    guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else {
      return 0
    }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
  }

  /// The number of threads the server runs, from `/proc/PID/status`.
  func threads() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Threads:") })
    else { return 0 }
    return Int(line.dropFirst("Threads:".count).trimmingCharacters(in: .whitespaces)) ?? 0
  }

  /// Sends SIGTERM and waits up to `timeout` seconds for a clean exit (then SIGKILL). Returns the
  /// exit status (128 + the signal when killed).
  @discardableResult
  func stop(timeout: Double = 30) -> Int32 {
    kill(pid, SIGTERM)
    let deadline = MonotonicClock.now() + UInt64(timeout * 1e9)
    var raw: Int32 = 0
    while MonotonicClock.now() < deadline {
      if waitpid(pid, &raw, WNOHANG) == pid {
        let signal = raw & 0x7F
        return signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
      }
      usleep(20_000)
    }
    Spawner.killAndReap(pid)
    return 128 + SIGKILL
  }

  /// A TCP port on 127.0.0.1 that nothing listens on now.
  static func freePort() throws -> Int {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { throw BenchError("could not open a socket to find a free port") }
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
    }
    guard bound == 0 else { throw BenchError("could not find a free port on 127.0.0.1") }
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}
