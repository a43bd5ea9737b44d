/// One thing a parent did, as a front end hands it to the induction.
public enum InductionInput: Sendable, Equatable, Codable {
  /// A line typed at the terminal, or the field a web form sent.
  case text(String)
  /// A command chosen without typing its word (a link or button on the web).
  case command(InductionCommand)
  /// Ctrl-C: the parent is asked whether to start over.
  case interrupt
  /// Ctrl-D on an empty line, or input that ran out: the session is cancelled.
  case endOfInput
  /// SIGTERM or SIGHUP: the session is closed.
  case terminate
  /// Nobody did anything for the idle timeout: the session is abandoned.
  case idleTimeout
}

/// What a parent can ask for at any question, besides answering it.
public enum InductionCommand: String, Sendable, Equatable, Codable, CaseIterable {
  /// Explain the question.
  case help
  /// Show the whole guidance again.
  case guidance
  /// Choose another language.
  case language
  /// Ask to start over (as Ctrl-C does at the terminal).
  case startOver
  /// The page before, while reading the guidance.
  case back
}
