import Foundation

/// The staff-PIN lockout: after five wrong PINs staff access is locked, for one minute, then twice as
/// long after each further wrong PIN (at most an hour). Counted in the database, so neither a restart
/// nor `kill -9` resets it.
public struct StaffLockout: Sendable, Equatable {
  /// Wrong PINs since the last right one.
  public var failures: Int
  /// When the last wrong PIN was typed.
  public var lastFailure: Date?

  /// Creates a state.
  public init(failures: Int, lastFailure: Date?) {
    self.failures = failures
    self.lastFailure = lastFailure
  }

  /// How many wrong PINs are allowed before locking.
  public static let allowedFailures = 5

  /// How long the lock lasts after the last failure.
  public var lockDuration: TimeInterval {
    guard failures >= Self.allowedFailures else { return 0 }
    return min(3600, 60 * pow(2, Double(failures - Self.allowedFailures)))
  }

  /// When staff may try again, or nil when not locked at `now`.
  public func lockedUntil(now: Date) -> Date? {
    guard let lastFailure, lockDuration > 0 else { return nil }
    let until = lastFailure.addingTimeInterval(lockDuration)
    return until > now ? until : nil
  }
}
