import Foundation

/// Reads a calendar day typed as `YYYY-MM-DD`, strictly: four digits, two, two, and a day that
/// exists (`2026-13-01` and `2026-02-30` are refused, never rolled over into another date).
public enum DayParser {
  /// Why a typed day was refused, naming the option it was given to.
  public struct Invalid: LocalizedError, Equatable {
    /// The option, such as `--since`.
    public var option: String

    /// A refusal for `option`.
    public init(option: String) { self.option = option }
    /// The sentence shown.
    public var errorDescription: String? {
      "\(option) must be a real date written like 2026-09-01 (year, month, day)"
    }
  }

  /// The year, month and day of `text`, or nil when it is not exactly a real `YYYY-MM-DD` date.
  public static func day(_ text: String) -> (year: Int, month: Int, day: Int)? {
    let scalars = Array(text.unicodeScalars)
    guard scalars.count == 10, scalars[4] == "-", scalars[7] == "-" else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for index in range {
        guard let digit = Int(String(scalars[index])), ("0"..."9").contains(scalars[index]) else {
          return nil
        }
        value = value * 10 + digit
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      (1...12).contains(month), day >= 1
    else { return nil }
    // Through a day number and back, an impossible day comes back as another (February 30th as
    // March 2nd); only a real one comes back unchanged.
    let following = CivilTime.date(days: CivilTime.days(year: year, month: month, day: day))
    guard following == (year, month, day) else { return nil }
    return (year, month, day)
  }

  /// The first instant of that day in `zone`.
  public static func startOfDay(_ text: String, option: String, zone: TimeZone) throws -> Date {
    guard let (year, month, day) = day(text) else { throw Invalid(option: option) }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    guard
      let date = calendar.date(from: DateComponents(year: year, month: month, day: day))
    else { throw Invalid(option: option) }
    return date
  }

  /// The first instant of the following day in `zone` (23 or 25 hours later on clock-change days).
  public static func endOfDay(_ text: String, option: String, zone: TimeZone) throws -> Date {
    let start = try startOfDay(text, option: option, zone: zone)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    return calendar.date(byAdding: .day, value: 1, to: start) ?? start.addingTimeInterval(86_400)
  }
}
