import CReadline
import Foundation

/// Reads lines with GNU readline on a terminal, through readline's callback interface and a `poll()`
/// loop of our own, so Ctrl-C, SIGTERM and an idle timeout end a prompt at once without readline's
/// own signal handlers. Completion offers only the words the prompt allows (never file names), and
/// only answers to menus may enter history, and only when history is kept.
public final class ReadlineLineReader: LineReader {
  private let keepsHistory: Bool
  private let idleTimeout: TimeInterval?
  private let clock: () -> Date

  /// Sets readline up for Induction. `keepsHistory` is false in parent and kiosk modes.
  public init(programName: String, keepsHistory: Bool, idleTimeout: TimeInterval? = nil, clock: @escaping () -> Date = Date.init) {
    self.keepsHistory = keepsHistory
    self.idleTimeout = idleTimeout
    self.clock = clock
    ReadlineLineReader.configure(programName: programName)
  }

  private static func configure(programName: String) {
    programName.withCString { name in induction_rl_configure(strdup(name)) }
    induction_rl_install_completion()
    rl_variable_bind("completion-ignore-case", "on")
    rl_variable_bind("show-all-if-ambiguous", "on")
    rl_variable_bind("input-meta", "on")
    rl_variable_bind("output-meta", "on")
    rl_variable_bind("convert-meta", "off")
    rl_variable_bind("bell-style", "none")
  }

  /// Shows `prompt` and edits a line until Enter, Ctrl-C, Ctrl-D, a terminating signal or the idle timeout.
  public func readLine(prompt: String, kind: PromptKind) -> LineInput {
    let words: [String]
    switch kind {
    case .answer(let completions): words = completions
    case .personal: words = []
    }
    setCompletions(words)
    _ = Signals.takeInterrupt()
    prompt.withCString { induction_rl_begin($0) }
    var lastKey = clock()
    while true {
      if Signals.terminateRequested {
        abandon()
        return .terminate
      }
      if Signals.takeInterrupt() {
        abandon()
        return .interrupt
      }
      if let idleTimeout, clock().timeIntervalSince(lastKey) >= idleTimeout {
        abandon()
        return .idleTimeout
      }
      var descriptor = pollfd(fd: induction_rl_input_fd(), events: Int16(POLLIN), revents: 0)
      let ready = poll(&descriptor, 1, 250)
      if ready < 0 {
        if errno == EINTR { continue }
        abandon()
        return .endOfInput
      }
      if ready == 0 { continue }
      lastKey = clock()
      rl_callback_read_char()
      if induction_rl_line_is_ready() != 0 {
        let eof = induction_rl_line_is_eof() != 0
        guard !eof, let raw = induction_rl_take_line() else {
          _ = induction_rl_take_line()
          FileDescriptorOutput().write("\n")
          return .endOfInput
        }
        defer { free(raw) }
        let length = strlen(raw)
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: length)
        let line = String(decoding: bytes, as: UTF8.self)
        if keepsHistory, case .answer = kind, !line.isEmpty { induction_history_add(raw) }
        return .line(line)
      }
    }
  }

  /// Empties readline's history.
  public func forgetHistory() { induction_history_clear() }

  private func abandon() {
    induction_rl_abandon()
    FileDescriptorOutput().write("\n")
  }

  private func setCompletions(_ words: [String]) {
    var pointers = words.map { strdup($0) }
    pointers.withUnsafeMutableBufferPointer { buffer in
      buffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { rebound in
        induction_set_completions(rebound.baseAddress, Int32(words.count))
      }
    }
    for pointer in pointers { free(pointer) }
  }
}
