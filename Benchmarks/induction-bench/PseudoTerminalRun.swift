import ProcessDriving

#if canImport(Glibc)
  import Glibc
#endif

/// A program started on a new pseudo-terminal (its controlling terminal, as at a real screen),
/// timed from the moment it is spawned until a given text appears on the screen.
enum PseudoTerminalRun {
  /// Spawns `executable` on a fresh 100×40 pseudo-terminal, reads its output until the plain text
  /// (escape sequences removed) contains `text`, and returns the seconds from just before
  /// `posix_spawn` to that moment. With `settle`, it then goes on reading until that text appears
  /// too (untimed: the program finishes starting, e.g. writes its caches, as it would for a person
  /// reading the screen). The program is then killed and reaped.
  static func secondsUntil(
    _ text: String, executable: String, arguments: [String], environment: [String: String],
    settle: String? = nil, timeout: Double = 30
  ) throws -> Double {
    let master = LibC.openPseudoTerminal(O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard master >= 0 else {
      throw BenchError("posix_openpt failed: \(String(cString: strerror(errno)))")
    }
    defer { close(master) }
    var name = [CChar](repeating: 0, count: 256)
    guard LibC.grantpt(master) == 0, LibC.unlockpt(master) == 0,
      LibC.pseudoTerminalName(master, &name, name.count) == 0
    else {
      throw BenchError("could not set up a pseudo-terminal: \(String(cString: strerror(errno)))")
    }
    let path = String(
      decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var size = winsize(ws_row: 40, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
    guard ioctl(master, UInt(TIOCSWINSZ), &size) == 0 else {
      throw BenchError("could not set the terminal size: \(String(cString: strerror(errno)))")
    }
    _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)

    var needle = Array(text.utf8)
    var settling = settle.map { Array($0.utf8) }
    var seconds: Double?
    var plain: [UInt8] = []
    var stripper = EscapeStripper()
    var chunk = [UInt8](repeating: 0, count: 65536)
    let start = MonotonicClock.now()
    // After setsid, the first terminal a session leader opens becomes its controlling terminal.
    let pid = try Spawner.spawn(
      executable, arguments, environment: environment, stdin: .path(path, flags: O_RDWR),
      stdout: .path(path, flags: O_RDWR), stderr: .path(path, flags: O_RDWR), newSession: true)
    defer { Spawner.killAndReap(pid) }
    let deadline = start + UInt64(timeout * 1e9)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
      if count > 0 {
        let from = max(0, plain.count - needle.count)
        stripper.strip(chunk[..<count], into: &plain)
        if contains(needle, in: plain, from: from) {
          seconds = seconds ?? MonotonicClock.seconds(since: start)
          guard let next = settling else { return seconds! }
          (needle, settling) = (next, nil)
          if contains(needle, in: plain, from: 0) { return seconds! }
        }
        continue
      }
      if count < 0 && errno == EINTR { continue }
      if count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
        // EIO: the program closed the terminal, i.e. it ended without showing the text.
        throw BenchError(
          "\(executable) ended without showing \"\(text)\"; it showed: \(String(decoding: plain.suffix(500), as: UTF8.self))"
        )
      }
      let now = MonotonicClock.now()
      guard now < deadline else {
        throw BenchError(
          "\(executable) did not show \"\(text)\" within \(Int(timeout)) s; it showed: \(String(decoding: plain.suffix(500), as: UTF8.self))"
        )
      }
      var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      _ = poll(&descriptor, 1, Int32(min(100, (deadline - now) / 1_000_000 + 1)))
    }
  }

  private static func contains(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Bool {
    guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
    var index = start
    while index <= haystack.count - needle.count {
      if haystack[index] == needle[0]
        && haystack[index..<index + needle.count].elementsEqual(needle)
      {
        return true
      }
      index += 1
    }
    return false
  }
}
