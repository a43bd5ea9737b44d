import Foundation

/// What came back from one prompt.
public enum LineInput: Equatable, Sendable {
  /// A line (without its newline), decoded as UTF-8 with invalid bytes replaced.
  case line(String)
  /// Ctrl-C.
  case interrupt
  /// Ctrl-D on an empty line, or the end of piped input.
  case endOfInput
  /// SIGTERM or SIGHUP: end the session cleanly.
  case terminate
  /// No key was pressed for the idle timeout.
  case idleTimeout
}

/// What a prompt asks for, which decides history and completion.
public enum PromptKind: Equatable, Sendable {
  /// A menu or answer: may complete the given words; never stored in history in parent modes.
  case answer(completions: [String])
  /// A name or other personal detail: no completion, never in history.
  case personal
}

/// Reads one line at a prompt. Implementations: GNU readline on a terminal, plain standard input when
/// it is not one, and a scripted reader in tests.
public protocol LineReader: AnyObject {
  /// Shows `prompt` (program text only, never built from user data) and returns what was entered.
  func readLine(prompt: String, kind: PromptKind) -> LineInput
  /// Reads a secret (a PIN) without echoing it; never enters history.
  func readSecret(prompt: String) -> LineInput
  /// Forgets everything typed so far (history), before the next parent.
  func forgetHistory()
  /// Seconds without a key press after which a prompt returns ``LineInput/idleTimeout``; nil for none.
  var idleTimeout: TimeInterval? { get set }
  /// Whether a person is typing at a terminal (false for pipes and scripts).
  var isInteractive: Bool { get }
  /// Sets the words of the idle countdown, in the parent's language: `text(secondsLeft)`.
  func setCountdownText(_ text: @escaping (Int) -> String)
}

extension LineReader {
  /// Readers without an idle countdown ignore its words.
  public func setCountdownText(_ text: @escaping (Int) -> String) {}

  /// Reads an answer with no completion.
  public func readLine(prompt: String) -> LineInput {
    readLine(prompt: prompt, kind: .answer(completions: []))
  }
}

/// Lines longer than this are cut (and the parent told): nothing anyone types at a kiosk needs more.
public let maximumLineLength = 1_000
