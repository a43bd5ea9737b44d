import Foundation

/// How long personal details are kept, from `retention:` in school.yaml (e.g. `6 years`).
public struct RetentionPeriod: Sendable, Equatable, Codable, CustomStringConvertible {
  /// The unit.
  public enum Unit: String, Sendable, Codable {
    case days, months, years

    /// The most of this unit a period may hold: a hundred years, which outlasts any record a
    /// school keeps, and keeps the cutoff within dates the calendar and the time zones know.
    var most: Int {
      switch self {
      case .days: 36_525
      case .months: 1_200
      case .years: 100
      }
    }
  }

  /// How many units.
  public var count: Int
  /// Which unit.
  public var unit: Unit

  /// Parses `6 years`, `18 months`, `90 days` (singular too), up to a hundred years; nil when it is
  /// none of these.
  public init?(_ text: String) {
    let parts = text.lowercased().split(separator: " ").map(String.init)
    guard parts.count == 2, let count = Int(parts[0]), count > 0 else { return nil }
    let word = parts[1].hasSuffix("s") ? parts[1] : parts[1] + "s"
    guard let unit = Unit(rawValue: word), count <= unit.most else { return nil }
    self.count = count
    self.unit = unit
  }

  /// `6 years`.
  public var description: String {
    "\(count) \(count == 1 ? String(unit.rawValue.dropLast()) : unit.rawValue)"
  }

  /// The instant `now` minus the period, in `zone`'s calendar.
  public func cutoff(from now: Date, in zone: TimeZone) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let component: Calendar.Component =
      switch unit {
      case .days: .day
      case .months: .month
      case .years: .year
      }
    return calendar.date(byAdding: component, value: -count, to: now) ?? now
  }
}
