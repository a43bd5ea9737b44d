import Foundation

/// An instant as the school's clocks showed it: the whole second (rounded down, as exports show it)
/// and the school's offset from UTC at that instant.
public struct LocalTime: Equatable, Sendable {
  /// Whole seconds since 1970-01-01 00:00 UTC.
  public var utcSeconds: Int
  /// Seconds east of UTC in the school's time zone at that instant (3600 in British Summer Time).
  public var offsetSeconds: Int

  /// The instant `date` in `zone`.
  public init(_ date: Date, in zone: TimeZone) {
    let millis = Timestamp.milliseconds(date)
    utcSeconds = Int(millis >= 0 ? millis / 1000 : (millis - 999) / 1000)
    offsetSeconds = zone.secondsFromGMT(for: date)
  }

  /// A time from its parts.
  public init(utcSeconds: Int, offsetSeconds: Int) {
    self.utcSeconds = utcSeconds
    self.offsetSeconds = offsetSeconds
  }

  /// Seconds since 1970-01-01 00:00 on the school's wall clock.
  public var wallClockSeconds: Int { utcSeconds + offsetSeconds }

  /// `2026-11-26 09:15:02 +00:00`: the form CSV exports show (the same as `Timestamp.local`).
  public var text: String {
    CivilTime.format(
      wallClockSeconds, dateSeparator: "-", middle: " ", offsetSeconds: offsetSeconds)
  }

  /// The wall-clock time as a spreadsheet stores a date-time: days since 1899-12-30 (Excel's 1900
  /// date system, in which 1970-01-01 is day 25,569), the time of day as the fraction. A spreadsheet
  /// has no time zones, so the offset is applied here and not kept.
  public var spreadsheetSerial: Double {
    let seconds = wallClockSeconds
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    return Double(days + Self.unixEpochSerial) + Double(seconds - days * 86_400) / 86_400
  }

  /// The serial of 1970-01-01 00:00 in Excel's 1900 date system.
  static let unixEpochSerial = 25_569
}
