/// Ways a parent session ends early, thrown from any prompt.
enum FlowExit: Error, Equatable {
  /// The parent chose to start over (after Ctrl-C).
  case startOver
  /// Ctrl-D or the end of input: cancel, nothing recorded.
  case cancelled
  /// SIGTERM or SIGHUP.
  case terminated
  /// Nobody pressed a key for the idle timeout.
  case timedOut
  /// Staff typed the staff word at the kiosk's welcome screen.
  case staffRequested
  /// The parent chose another language (its tag): the guidance and questions start again in it.
  case switchLanguage(String)
}
