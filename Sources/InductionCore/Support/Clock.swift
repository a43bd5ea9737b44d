import Foundation

/// The current time, injected so tests run at a fixed instant and idle timeouts need no sleeping.
public struct Clock: Sendable {
  /// Returns now.
  public var now: @Sendable () -> Date

  /// Creates a clock from a closure.
  public init(now: @escaping @Sendable () -> Date) { self.now = now }

  /// The system clock.
  public static let system = Clock { Date() }

  /// A clock stopped at `date`.
  public static func fixed(_ date: Date) -> Clock { Clock { date } }
}

/// Formats instants for the ledger (UTC, milliseconds) and for people (the school's zone, with offset).
public enum Timestamp {
  /// `2026-11-26T09:15:02.123Z`: the one form stored and hashed in the ledger.
  public static func utc(_ date: Date) -> String {
    let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    let seconds = Double(millis / 1000)
    let whole = Date(timeIntervalSince1970: seconds)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: whole)
    return String(
      format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!,
      c.second!, Int(millis % 1000))
  }

  /// Parses the form written by ``utc(_:)``.
  public static func parseUTC(_ text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.date(from: text)
  }

  /// `2026-11-26 09:15:02 +00:00` in `zone`: what people and spreadsheets read.
  public static func local(_ date: Date, in zone: TimeZone) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    let offset = zone.secondsFromGMT(for: date)
    let sign = offset < 0 ? "-" : "+"
    let hours = abs(offset) / 3600
    let minutes = (abs(offset) % 3600) / 60
    let clock = String(
      format: "%04d-%02d-%02d %02d:%02d:%02d ", c.year!, c.month!, c.day!, c.hour!, c.minute!,
      c.second!)
    return clock + sign + String(format: "%02d:%02d", hours, minutes)
  }
}
