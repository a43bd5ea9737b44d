import Foundation
import InductionCore

/// Plays back a fixed script of inputs, writing each prompt and the typed line to the transcript as a
/// terminal would show them, so a whole flow can be asserted as one transcript.
public final class ScriptedLineReader: LineReader {
  private var script: [LineInput]
  private let output: TextOutput?
  /// Every prompt shown, in order.
  public private(set) var prompts: [String] = []
  /// The kind of every prompt shown.
  public private(set) var kinds: [PromptKind] = []
  /// How many times history was cleared.
  public private(set) var historyClears = 0

  /// Called with each prompt before its input is played: lets a test act at a given moment (release a
  /// lock, move the clock).
  public var onPrompt: (String) -> Void = { _ in }

  /// Plays `script`; echoes into `output` when given.
  public init(_ script: [LineInput], echoTo output: TextOutput? = nil) {
    self.script = script
    self.output = output
  }

  /// Convenience: every string is a typed line.
  public convenience init(lines: [String], echoTo output: TextOutput? = nil) {
    self.init(lines.map(LineInput.line), echoTo: output)
  }

  /// How many inputs are left unread.
  public var remaining: Int { script.count }

  /// Returns the next scripted input; end of input once the script runs out.
  public func readLine(prompt: String, kind: PromptKind) -> LineInput {
    onPrompt(prompt)
    prompts.append(prompt)
    kinds.append(kind)
    idleTimeouts.append(idleTimeout)
    countdowns.append(countdownText?(30))
    let next = script.isEmpty ? .endOfInput : script.removeFirst()
    if keepsHistory, case .line(let text) = next, case .answer = kind, !text.isEmpty,
      historyFilter(text)
    {
      history.append(text)
    }
    switch next {
    case .line(let text): output?.write(prompt + Sanitiser.sanitise(text) + "\n")
    case .interrupt: output?.write(prompt + "^C\n")
    case .endOfInput: output?.write(prompt + "^D\n")
    case .terminate: output?.write(prompt + "[SIGTERM]\n")
    case .idleTimeout: output?.write(prompt + "[idle]\n")
    }
    return next
  }

  /// Counts the clear.
  public func forgetHistory() { historyClears += 1 }

  /// Plays the next input without echoing it (shown as `****`).
  public func readSecret(prompt: String) -> LineInput {
    prompts.append(prompt)
    kinds.append(.personal)
    let next = script.isEmpty ? .endOfInput : script.removeFirst()
    output?.write(prompt + (next == .endOfInput ? "^D" : "") + "\n")
    return next
  }

  /// Recorded so tests can check which prompts had an idle timeout.
  public var idleTimeout: TimeInterval?
  /// The idle timeout in force at each prompt.
  public private(set) var idleTimeouts: [TimeInterval?] = []
  /// The idle countdown's words (with 30 seconds left) at each prompt; nil before any were set.
  public private(set) var countdowns: [String?] = []
  private var countdownText: ((Int) -> String)?

  /// Keeps the countdown's words, so tests can see which language they were in at each prompt.
  public func setCountdownText(_ text: @escaping (Int) -> String) { countdownText = text }

  /// Decides which lines enter ``history`` (as readline's does, when history is kept).
  public var historyFilter: (String) -> Bool = { _ in true }
  /// Whether lines are kept in history at all (the admin prompt's reader does; parents' never).
  public var keepsHistory = false
  /// The lines that entered history, as readline's rule would have let them.
  public private(set) var history: [String] = []

  /// Scripted input counts as interactive unless told otherwise.
  public var isInteractive = true
}

extension ScriptedLineReader: HistoryKeeping {}
