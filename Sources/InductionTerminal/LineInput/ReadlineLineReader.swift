import CReadline
import CReadlineShim
import Foundation

/// Reads lines with GNU readline on a terminal, through readline's callback interface and a `poll()`
/// loop of our own, so Ctrl-C, SIGTERM and the idle timer end a prompt at once without readline's
/// own signal handlers. Completion offers only the words the prompt allows (never file names), and
/// only answers to menus may enter history, and only when history is kept.
public final class ReadlineLineReader: LineReader {
  private let keepsHistory: Bool
  private let clock: () -> Date
  private let output = FileDescriptorOutput()
  /// Seconds without a key press before a prompt gives up; nil for no limit.
  public var idleTimeout: TimeInterval?
  /// A person at a terminal.
  public var isInteractive: Bool { true }
  /// Decides which lines may enter history (when history is kept at all).
  public var historyFilter: (String) -> Bool = { _ in true }
  private var countdownText: (Int) -> String = { "(Still there? Press any key to carry on. \($0))" }

  /// Sets the words of the idle countdown.
  public func setCountdownText(_ text: @escaping (Int) -> String) { countdownText = text }

  /// Sets readline up for Induction. `keepsHistory` is false in parent and kiosk modes.
  public init(programName: String, keepsHistory: Bool, clock: @escaping () -> Date = Date.init) {
    self.keepsHistory = keepsHistory
    self.clock = clock
    ReadlineLineReader.configure(programName: programName)
    induction_set_completion_quotes_spaces(keepsHistory ? 1 : 0)
    if !keepsHistory {
      induction_rl_disable_yank()
      induction_rl_keep_terminal_prepared()
    }
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
    // A Ctrl-C from before this prompt is stale; one after the prompt shows must not be lost.
    _ = Signals.takeInterrupt()
    prompt.withCString { induction_rl_begin($0) }
    return edit(kind: kind, hidden: false)
  }

  /// Reads a PIN through readline with nothing drawn: the terminal stays in readline's mode, so keys
  /// typed ahead are neither lost nor echoed, and Ctrl-C, signals and the idle timer work as anywhere.
  public func readSecret(prompt: String) -> LineInput {
    setCompletions([])
    _ = Signals.takeInterrupt()
    output.write(prompt)
    induction_rl_begin_hidden()
    defer { induction_rl_end_hidden() }
    let result = edit(kind: .personal, hidden: true)
    if case .line = result { output.write("\n") }
    return result
  }

  private func edit(kind: PromptKind, hidden: Bool) -> LineInput {
    var idle = idleTimeout.map { IdleMonitor(timeout: $0, start: clock()) }
    var countdownShown: Int?
    while true {
      if Signals.terminateRequested {
        abandon()
        return .terminate
      }
      if Signals.takeInterrupt() {
        abandon()
        return .interrupt
      }
      if let monitor = idle {
        switch monitor.state(at: clock()) {
        case .active: break
        case .expired:
          abandon()
          return .idleTimeout
        case .warning(let secondsLeft):
          if countdownShown != secondsLeft && !hidden {
            // Overwrite the prompt line in place; a key press redraws it.
            output.write("\r\u{1B}[K" + countdownText(secondsLeft))
            countdownShown = secondsLeft
          }
        }
      }
      var descriptor = pollfd(fd: induction_rl_input_fd(), events: Int16(POLLIN), revents: 0)
      let ready = poll(&descriptor, 1, 200)
      if ready < 0 {
        if errno == EINTR { continue }
        abandon()
        return .endOfInput
      }
      if ready == 0 { continue }
      idle?.noteKey(at: clock())
      if countdownShown != nil {
        countdownShown = nil
        output.write("\r\u{1B}[K")
        rl_forced_update_display()
      }
      rl_callback_read_char()
      if induction_rl_line_is_ready() != 0 {
        let eof = induction_rl_line_is_eof() != 0
        guard !eof, let raw = induction_rl_take_line() else {
          _ = induction_rl_take_line()
          output.write("\n")
          return .endOfInput
        }
        defer { free(raw) }
        let line = String(
          decoding: UnsafeRawBufferPointer(start: raw, count: strlen(raw)), as: UTF8.self)
        if keepsHistory, case .answer = kind, !line.isEmpty, historyFilter(line) {
          induction_history_add(raw)
        }
        return .line(line)
      }
    }
  }

  /// Empties readline's history.
  public func forgetHistory() { induction_history_clear() }

  private func abandon() {
    induction_rl_abandon()
    output.write("\n")
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
