import Foundation
import ProcessDriving

#if canImport(Glibc)
  import Glibc
#endif

// Drives a real program for end-to-end tests: through a pseudo-terminal (``PseudoTerminal``), as a
// person at a terminal would, or through plain pipes (``PipedProgram``), as a script would.
//
// Both spawn the program with `posix_spawn`, read its output with non-blocking reads and `poll()`, and
// let a test wait for text to appear ("the prompt is on screen") before typing the next line.

/// Something went wrong while driving a program: a timeout (with the tail of the output), or a
/// system call that failed.
public struct ProgramDriverError: Error, CustomStringConvertible {
  public let description: String

  public init(_ description: String) { self.description = description }
}

/// A spawned program whose output is read, and input written, through file descriptors.
///
/// Output is kept twice: ``rawOutput`` (every byte, escape sequences and all) and a plain copy with
/// CSI/OSC escape sequences and carriage returns removed, which is what ``waitFor(_:timeout:)``
/// searches. A *mark* in the plain copy remembers how far the test has already read.
public class InteractiveProgram {
  /// The child's process id.
  public let pid: pid_t
  /// Where the child's output (and, for a terminal, everything it writes) is read from.
  let outputDescriptor: Int32
  /// The child's standard error when it is a separate pipe (pipes only), else -1.
  let errorDescriptor: Int32
  /// Where input for the child is written.
  var inputDescriptor: Int32
  /// What ``sendLine(_:)`` appends: `\r` on a terminal (the Enter key), `\n` on a pipe.
  public let lineEnding: String

  private var raw: [UInt8] = []
  private var rawError: [UInt8] = []
  private var plain: [UInt8] = []
  private var stripper = EscapeStripper()
  private var mark = 0
  private var outputAtEnd = false
  private var errorAtEnd = false
  private var status: Int32?

  init(pid: pid_t, output: Int32, error: Int32, input: Int32, lineEnding: String) {
    self.pid = pid
    self.outputDescriptor = output
    self.errorDescriptor = error
    self.inputDescriptor = input
    self.lineEnding = lineEnding
    errorAtEnd = error < 0
  }

  deinit {
    if status == nil {
      Glibc.kill(pid, SIGKILL)
      var raw: Int32 = 0
      while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
    }
    Glibc.close(outputDescriptor)
    if errorDescriptor >= 0 { Glibc.close(errorDescriptor) }
    if inputDescriptor >= 0 && inputDescriptor != outputDescriptor { Glibc.close(inputDescriptor) }
  }

  // MARK: Output

  /// Every byte the program wrote so far (on a terminal, also the terminal's echo), as UTF-8.
  public var output: String { String(decoding: raw, as: UTF8.self) }

  /// Every byte the program wrote so far, unchanged.
  public var rawOutput: [UInt8] { raw }

  /// What the program wrote to standard error (pipes only; on a terminal it is part of ``output``).
  public var errorOutput: String { String(decoding: rawError, as: UTF8.self) }

  /// ``output`` with CSI and OSC escape sequences and carriage returns removed.
  public var plainText: String { String(decoding: plain, as: UTF8.self) }

  /// The plain text after the mark (not yet returned by a wait).
  public var plainTextSinceMark: String { String(decoding: plain[mark...], as: UTF8.self) }

  /// Moves the mark to the end of what has been read so far.
  public func skipToEnd() { mark = plain.count }

  /// `text` with CSI and OSC escape sequences (and other two-byte escapes) and carriage returns removed.
  public static func plainText(_ text: String) -> String {
    var stripper = EscapeStripper()
    var out: [UInt8] = []
    stripper.strip(Array(text.utf8), into: &out)
    return String(decoding: out, as: UTF8.self)
  }

  // MARK: Input

  /// Writes `text` to the program as UTF-8.
  public func send(_ text: String, timeout: TimeInterval = 10) throws {
    try send(bytes: Array(text.utf8), timeout: timeout)
  }

  /// Writes `text` followed by the Enter key (``lineEnding``).
  public func sendLine(_ text: String, timeout: TimeInterval = 10) throws {
    try send(text + lineEnding, timeout: timeout)
  }

  /// Writes raw bytes (for invalid UTF-8 and the like), reading the program's output meanwhile so
  /// neither side can fill its buffer and block the other.
  public func send(bytes: [UInt8], timeout: TimeInterval = 10) throws {
    guard inputDescriptor >= 0 else {
      throw ProgramDriverError("input to the program is already closed")
    }
    let deadline = Date().addingTimeInterval(timeout)
    var pending = bytes[...]
    while !pending.isEmpty {
      let written = pending.withUnsafeBytes {
        Glibc.write(inputDescriptor, $0.baseAddress, $0.count)
      }
      if written > 0 {
        pending = pending.dropFirst(written)
        continue
      }
      if written < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
        throw ProgramDriverError(
          "could not write to the program: \(String(cString: strerror(errno)))" + tail())
      }
      if Date() >= deadline {
        throw ProgramDriverError(
          "timed out writing to the program (\(pending.count) of \(bytes.count) bytes not taken)"
            + tail())
      }
      pump(timeout: 0.05, waitingToWrite: true)
    }
  }

  /// Closes the program's input (end of input on a pipe). On a terminal, send Ctrl-D instead.
  public func closeInput() {
    guard inputDescriptor >= 0, inputDescriptor != outputDescriptor else { return }
    Glibc.close(inputDescriptor)
    inputDescriptor = -1
  }

  // MARK: Waiting

  /// Reads until the plain output after the mark contains `text`; returns the plain output from the
  /// mark to the end of `text`, and moves the mark there. Throws on timeout, or at once when the
  /// program's output ends without `text`, with the last 2,000 characters of output.
  @discardableResult
  public func waitFor(_ text: String, timeout: TimeInterval = 10) throws -> String {
    try waitFor(anyOf: [text], timeout: timeout).text
  }

  /// Like ``waitFor(_:timeout:)`` for whichever of `texts` appears first (earliest in the output).
  /// Returns its index in `texts` and the plain output from the mark to the end of it.
  public func waitFor(anyOf texts: [String], timeout: TimeInterval = 10) throws -> (
    index: Int, text: String
  ) {
    let needles = texts.map { Array($0.utf8) }
    precondition(!needles.isEmpty && needles.allSatisfy { !$0.isEmpty }, "waitFor needs some text")
    let deadline = Date().addingTimeInterval(timeout)
    var scanFrom = mark
    while true {
      var best: (index: Int, start: Int, end: Int)?
      for (index, needle) in needles.enumerated() {
        if let start = Self.find(needle, in: plain, from: scanFrom),
          best == nil || start < best!.start
        {
          best = (index, start, start + needle.count)
        }
      }
      if let best {
        let text = String(decoding: plain[mark..<best.end], as: UTF8.self)
        mark = best.end
        return (best.index, text)
      }
      let longest = needles.map(\.count).max() ?? 1
      scanFrom = max(mark, plain.count - longest + 1)
      if outputAtEnd {
        // Give the exit status a moment to arrive, so the message can say how the program ended.
        let exitDeadline = Date().addingTimeInterval(1)
        while !hasExited && Date() < exitDeadline { usleep(10_000) }
        throw ProgramDriverError(
          "the program's output ended (\(exitDescription)) without showing \(Self.describe(texts))"
            + tail())
      }
      let now = Date()
      if now >= deadline {
        throw ProgramDriverError(
          "timed out after \(timeout) s waiting for \(Self.describe(texts))" + tail())
      }
      pump(timeout: min(0.2, deadline.timeIntervalSince(now)))
    }
  }

  // MARK: Process

  /// Sends `signal` to the program.
  public func kill(_ signal: Int32) {
    if status == nil { Glibc.kill(pid, signal) }
  }

  /// Whether the program has ended (without waiting).
  public var hasExited: Bool {
    reap()
    return status != nil
  }

  /// Waits for the program to end, reading its output meanwhile, and returns its exit status, or
  /// 128 + the signal number when a signal ended it (as a shell reports it). Throws on timeout.
  @discardableResult
  public func waitForExit(timeout: TimeInterval = 10) throws -> Int32 {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      reap()
      if let status {
        // Collect whatever is still buffered; a terminal reports EIO, a pipe end of file.
        let drainDeadline = Date().addingTimeInterval(2)
        while !(outputAtEnd && errorAtEnd) && Date() < drainDeadline { pump(timeout: 0.05) }
        return Self.decode(status)
      }
      if Date() >= deadline {
        throw ProgramDriverError(
          "timed out after \(timeout) s waiting for the program to exit" + tail())
      }
      pump(timeout: 0.05)
    }
  }

  private var exitDescription: String {
    reap()
    guard let status else { return "still running" }
    let code = Self.decode(status)
    return code > 128 ? "ended by signal \(code - 128)" : "exit status \(code)"
  }

  private func reap() {
    guard status == nil else { return }
    var raw: Int32 = 0
    var result: pid_t
    repeat { result = waitpid(pid, &raw, WNOHANG) } while result < 0 && errno == EINTR
    if result == pid { status = raw }
  }

  private static func decode(_ raw: Int32) -> Int32 {
    let signal = raw & 0x7F
    if signal == 0 { return (raw >> 8) & 0xFF }
    return 128 + signal
  }

  // MARK: Reading

  /// Polls the output descriptors (and, when writing, the input) for up to `timeout` seconds and
  /// reads whatever is ready.
  private func pump(timeout: TimeInterval, waitingToWrite: Bool = false) {
    var descriptors: [pollfd] = []
    if !outputAtEnd {
      descriptors.append(pollfd(fd: outputDescriptor, events: Int16(POLLIN), revents: 0))
    }
    if !errorAtEnd {
      descriptors.append(pollfd(fd: errorDescriptor, events: Int16(POLLIN), revents: 0))
    }
    if waitingToWrite && inputDescriptor >= 0 {
      if inputDescriptor == outputDescriptor, !descriptors.isEmpty {
        descriptors[0].events |= Int16(POLLOUT)
      } else {
        descriptors.append(pollfd(fd: inputDescriptor, events: Int16(POLLOUT), revents: 0))
      }
    }
    let milliseconds = Int32(max(0, min(timeout, 10)) * 1000)
    if descriptors.isEmpty {
      usleep(UInt32(milliseconds) * 1000)
      return
    }
    let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
    guard ready > 0 else { return }
    for descriptor in descriptors where descriptor.revents != 0 {
      if descriptor.fd == outputDescriptor { readAvailable(from: outputDescriptor, isError: false) }
      if descriptor.fd == errorDescriptor { readAvailable(from: errorDescriptor, isError: true) }
    }
  }

  private func readAvailable(from descriptor: Int32, isError: Bool) {
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count > 0 {
        if isError {
          rawError.append(contentsOf: chunk[..<count])
        } else {
          raw.append(contentsOf: chunk[..<count])
          stripper.strip(chunk[..<count], into: &plain)
        }
        continue
      }
      if count < 0 && errno == EINTR { continue }
      if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return }
      // 0 (end of a pipe) or EIO (a terminal whose other side is closed).
      if isError { errorAtEnd = true } else { outputAtEnd = true }
      return
    }
  }

  private func tail() -> String {
    let text = plainText
    let last = String(text.suffix(2000))
    var message =
      "\n--- last \(last.count) characters of output (escape sequences removed) ---\n" + last
    if !rawError.isEmpty {
      message += "\n--- standard error ---\n" + String(errorOutput.suffix(2000))
    }
    return message
  }

  private static func describe(_ texts: [String]) -> String {
    texts.map { "\"" + $0.debugDescription.dropFirst().dropLast() + "\"" }.joined(separator: " or ")
  }

  private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard needle.count <= haystack.count else { return nil }
    var index = max(0, start)
    let last = haystack.count - needle.count
    let first = needle[0]
    while index <= last {
      if haystack[index] == first {
        var matched = true
        for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
          matched = false
          break
        }
        if matched { return index }
      }
      index += 1
    }
    return nil
  }

  // MARK: Spawning

  /// Spawns `executable` with `arguments` and `environment`; `prepare` adds the file actions that
  /// give the child its standard input, output and error. Every other descriptor is closed in the
  /// child (tests run in parallel; a stray pipe end would keep another test's pipe open).
  static func spawn(
    executable: String, arguments: [String], environment: [String: String], newSession: Bool,
    prepare: (inout posix_spawn_file_actions_t) throws -> Void
  ) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    try prepare(&actions)
    if let closeFrom = LibC.spawnActionsAddCloseFrom {
      _ = closeFrom(&actions, 3)
    }

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigfillset(&defaults)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigmask(&attributes, &mask)
    var flags = Int32(POSIX_SPAWN_SETSIGDEF) | Int32(POSIX_SPAWN_SETSIGMASK)
    if newSession { flags |= LibC.spawnSetSID }
    posix_spawnattr_setflags(&attributes, Int16(flags))

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp =
      environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    guard result == 0 else {
      throw ProgramDriverError(
        "could not start \(executable): \(String(cString: strerror(result)))")
    }
    return pid
  }

  static func setNonBlocking(_ descriptor: Int32) {
    let flags = fcntl(descriptor, F_GETFL)
    _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
  }
}

/// A program running on a new pseudo-terminal that is its controlling terminal, as at a real screen:
/// readline, colour, the window size and Ctrl-C / Ctrl-D all behave as they do for a person.
public final class PseudoTerminal: InteractiveProgram {
  /// The slave side's path, e.g. `/dev/pts/3`.
  public let slavePath: String

  /// Opens a pseudo-terminal of `columns` × `rows` and starts `executable` on it in a new session.
  public init(
    executable: String, arguments: [String], environment: [String: String],
    columns: UInt16 = 100, rows: UInt16 = 40
  ) throws {
    let master = LibC.openPseudoTerminal(O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard master >= 0 else {
      throw ProgramDriverError("posix_openpt failed: \(String(cString: strerror(errno)))")
    }
    var name = [CChar](repeating: 0, count: 256)
    guard LibC.grantpt(master) == 0, LibC.unlockpt(master) == 0,
      LibC.pseudoTerminalName(master, &name, name.count) == 0
    else {
      let message = String(cString: strerror(errno))
      Glibc.close(master)
      throw ProgramDriverError("could not set up the pseudo-terminal: \(message)")
    }
    let path = String(
      decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
    guard ioctl(master, UInt(TIOCSWINSZ), &size) == 0 else {
      Glibc.close(master)
      throw ProgramDriverError("could not set the window size: \(String(cString: strerror(errno)))")
    }
    InteractiveProgram.setNonBlocking(master)
    let pid: pid_t
    do {
      // After setsid, the first terminal a session leader opens becomes its controlling terminal.
      pid = try InteractiveProgram.spawn(
        executable: executable, arguments: arguments, environment: environment, newSession: true
      ) { actions in
        posix_spawn_file_actions_addopen(&actions, 0, path, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
      }
    } catch {
      Glibc.close(master)
      throw error
    }
    slavePath = path
    super.init(pid: pid, output: master, error: -1, input: master, lineEnding: "\r")
  }

  /// Sends the end-of-file key (Ctrl-D).
  public func sendEndOfFile() throws { try send("\u{04}") }

  /// Sends the interrupt key (Ctrl-C).
  public func sendInterrupt() throws { try send("\u{03}") }
}

/// A program whose standard input, output and error are pipes: not a terminal, so it reads plainly.
public final class PipedProgram: InteractiveProgram {
  /// Starts `executable` with pipes for its standard input, output and error.
  public init(executable: String, arguments: [String], environment: [String: String]) throws {
    var input: [Int32] = [0, 0]
    var output: [Int32] = [0, 0]
    var error: [Int32] = [0, 0]
    guard LibC.pipe2(&input, O_CLOEXEC) == 0 else { throw ProgramDriverError("pipe2 failed") }
    guard LibC.pipe2(&output, O_CLOEXEC) == 0 else {
      for fd in input { Glibc.close(fd) }
      throw ProgramDriverError("pipe2 failed")
    }
    guard LibC.pipe2(&error, O_CLOEXEC) == 0 else {
      for fd in input + output { Glibc.close(fd) }
      throw ProgramDriverError("pipe2 failed")
    }
    let pid: pid_t
    do {
      pid = try InteractiveProgram.spawn(
        executable: executable, arguments: arguments, environment: environment, newSession: true
      ) { actions in
        // dup2 clears close-on-exec on the new descriptor; the originals close at exec.
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, error[1], 2)
      }
    } catch let failure {
      for fd in input + output + error { Glibc.close(fd) }
      throw failure
    }
    Glibc.close(input[0])
    Glibc.close(output[1])
    Glibc.close(error[1])
    InteractiveProgram.setNonBlocking(input[1])
    InteractiveProgram.setNonBlocking(output[0])
    InteractiveProgram.setNonBlocking(error[0])
    // A program that exits before reading everything must not kill the test with SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    super.init(pid: pid, output: output[0], error: error[0], input: input[1], lineEnding: "\n")
  }

  /// Runs a program to the end with no input and returns its exit status and output.
  public static func run(
    _ executable: String, _ arguments: [String],
    environment: [String: String] = ProcessInfo.processInfo.environment,
    timeout: TimeInterval = 20
  ) throws -> (status: Int32, output: String, error: String) {
    let program = try PipedProgram(
      executable: executable, arguments: arguments, environment: environment)
    program.closeInput()
    let status = try program.waitForExit(timeout: timeout)
    return (status, program.output, program.errorOutput)
  }
}
