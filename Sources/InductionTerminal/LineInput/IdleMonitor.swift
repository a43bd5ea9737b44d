import Foundation

/// Decides, from the time of the last key press, whether a kiosk prompt is in use, should show the
/// "Still there?" countdown, or has been idle too long. Pure, so it is tested with an injected clock.
public struct IdleMonitor: Sendable, Equatable {
  /// What the prompt should do now.
  public enum State: Sendable, Equatable {
    /// Someone is there.
    case active
    /// Show the countdown with this many whole seconds left.
    case warning(secondsLeft: Int)
    /// Abandon the session.
    case expired
  }

  /// Seconds without a key press before the "Still there?" countdown starts.
  public let timeout: TimeInterval
  /// How long the countdown lasts before the session is abandoned (30 s, or half the timeout when
  /// that is shorter).
  public let warning: TimeInterval
  /// When the last key was pressed.
  public private(set) var lastKey: Date

  /// Starts watching at `start`.
  public init(timeout: TimeInterval, start: Date) {
    self.timeout = timeout
    self.warning = min(30, timeout / 2)
    self.lastKey = start
  }

  /// Notes a key press.
  public mutating func noteKey(at date: Date) { lastKey = date }

  /// The state at `now`: the countdown follows the timeout (3 minutes, then 30 seconds), as the
  /// README and the office tell parents.
  public func state(at now: Date) -> State {
    let idle = now.timeIntervalSince(lastKey)
    if idle >= timeout + warning { return .expired }
    if idle >= timeout {
      return .warning(secondsLeft: Int((timeout + warning - idle).rounded(.up)))
    }
    return .active
  }
}
