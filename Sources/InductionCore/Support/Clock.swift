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
    let millis = milliseconds(date)
    let seconds = Int(millis >= 0 ? millis / 1000 : (millis - 999) / 1000)
    let fraction = Int(millis - Int64(seconds) * 1000)
    let digits = String(fraction + 1000).dropFirst()
    return CivilTime.format(seconds, middle: "T") + "." + digits + "Z"
  }

  /// The instant to the nearest millisecond (a Double of seconds cannot hold every millisecond exactly).
  static func milliseconds(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded())
  }

  /// Parses the form written by ``utc(_:)``.
  public static func parseUTC(_ text: String) -> Date? {
    CivilTime.parseUTCMilliseconds(text).map { Date(timeIntervalSince1970: Double($0) / 1000) }
  }

  /// `2026-11-26 09:15:02 +00:00` in `zone`: what people and spreadsheets read.
  public static func local(_ date: Date, in zone: TimeZone) -> String {
    let offset = zone.secondsFromGMT(for: date)
    let millis = milliseconds(date)
    let seconds = Int(millis >= 0 ? millis / 1000 : (millis - 999) / 1000) + offset
    let sign = offset < 0 ? "-" : "+"
    let hours = String(abs(offset) / 3600 + 100).dropFirst()
    let minutes = String(abs(offset) % 3600 / 60 + 100).dropFirst()
    return CivilTime.format(seconds) + " " + sign + hours + ":" + minutes
  }
}
