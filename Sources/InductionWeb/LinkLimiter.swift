import Foundation
import InductionCore

/// Slows down anyone hammering one personal link: it may be opened only so often in ten minutes
/// (a parent opening it on a phone and again on a laptop stays well inside).
struct LinkLimiter: Sendable {
  /// Opens of one link allowed per window.
  var perLink = 20
  /// The window, in seconds.
  var window: TimeInterval = 600

  private var opens: [String: [Date]] = [:]

  /// Whether `token` may be looked up now (counted when it may).
  mutating func allows(_ token: InvitationToken, at now: Date) -> Bool {
    let cutoff = now.addingTimeInterval(-window)
    if opens.count > 10_000 {
      opens = opens.filter { $0.value.contains { $0 >= cutoff } }
    }
    var times = opens[token.hash, default: []].filter { $0 >= cutoff }
    guard times.count < perLink else { return false }
    times.append(now)
    opens[token.hash] = times
    return true
  }
}
