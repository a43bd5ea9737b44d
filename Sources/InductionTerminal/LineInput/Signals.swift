import CProcessSignals

/// The process's signal handling for parent and kiosk sessions: Ctrl-C is noted (the flow asks
/// "Start over?"), SIGTERM and SIGHUP end the session cleanly, Ctrl-Z and Ctrl-\ do nothing.
public enum Signals {
  /// Installs the handlers (once, from the composition root).
  public static func install() { induction_install_signal_handlers() }

  /// Whether Ctrl-C was pressed since the last call.
  static func takeInterrupt() -> Bool { induction_take_sigint() > 0 }

  /// Whether SIGTERM or SIGHUP arrived.
  public static var terminateRequested: Bool { induction_terminate_requested() != 0 }
}
