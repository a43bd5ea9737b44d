import Foundation

/// Slows down anyone hammering the server: a key (a personal link's hash, a client's address) may
/// be used only so often in a window. A parent opening their link on a phone and again on a laptop,
/// or a family sharing one address, stays well inside.
struct RateLimiter: Sendable {
  /// Uses allowed per key per window.
  let limit: Int
  /// The window, in seconds.
  let window: TimeInterval

  private var uses: [String: [Date]] = [:]

  /// A limiter of `limit` uses per `window` seconds.
  init(limit: Int, window: TimeInterval = 600) {
    self.limit = limit
    self.window = window
  }

  /// One personal link: 20 opens in ten minutes.
  static func perLink() -> RateLimiter { RateLimiter(limit: 20) }

  /// One address: 60 new inductions (a link opened, or the front page of an open server) in ten
  /// minutes, enough for a school's own network behind one address.
  static func perAddress() -> RateLimiter { RateLimiter(limit: 60) }

  /// Whether `key` may be used now (counted when it may).
  mutating func allows(_ key: String, at now: Date) -> Bool {
    let cutoff = now.addingTimeInterval(-window)
    if uses.count > 10_000 {
      uses = uses.filter { $0.value.contains { $0 >= cutoff } }
    }
    var times = uses[key, default: []].filter { $0 >= cutoff }
    guard times.count < limit else { return false }
    times.append(now)
    uses[key] = times
    return true
  }
}
