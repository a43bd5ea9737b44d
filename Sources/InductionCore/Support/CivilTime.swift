/// Converts between seconds since 1970 and proleptic Gregorian calendar fields with plain integer
/// arithmetic (Howard Hinnant's days-from-civil), because exports format a time for every row and a
/// formatter or calendar per row made them many times slower than the query.
enum CivilTime {
  /// Days since 1970-01-01 of a calendar date.
  static func days(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The calendar date of a day number since 1970-01-01.
  static func date(days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// `seconds` since 1970 as `YYYY-MM-DD HH:MM:SS`.
  static func format(_ seconds: Int, dateSeparator: Character = "-", middle: Character = " ")
    -> String
  {
    format(seconds, dateSeparator: dateSeparator, middle: middle, offsetSeconds: nil)
  }

  /// As ``format(_:dateSeparator:middle:)``, then ` +HH:MM` for `offsetSeconds` when given. Built
  /// as bytes: an export formats a time for every row, and appending Characters one by one cost
  /// it a twelfth of its time.
  static func format(
    _ seconds: Int, dateSeparator: Character, middle: Character, offsetSeconds: Int?
  ) -> String {
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let time = seconds - days * 86_400
    let (year, month, day) = date(days: days)
    let separator = dateSeparator.asciiValue ?? UInt8(ascii: "-")
    let space = middle.asciiValue ?? UInt8(ascii: " ")
    return String(unsafeUninitializedCapacity: 26) { buffer in
      var count = 0
      func put(_ byte: UInt8) {
        buffer[count] = byte
        count += 1
      }
      func two(_ value: Int) {
        put(UInt8(48 + value / 10))
        put(UInt8(48 + value % 10))
      }
      two(year / 100)
      two(year % 100)
      put(separator)
      two(month)
      put(separator)
      two(day)
      put(space)
      two(time / 3600)
      put(UInt8(ascii: ":"))
      two(time % 3600 / 60)
      put(UInt8(ascii: ":"))
      two(time % 60)
      if let offsetSeconds {
        put(UInt8(ascii: " "))
        put(UInt8(ascii: offsetSeconds < 0 ? "-" : "+"))
        two(abs(offsetSeconds) / 3600 % 100)
        put(UInt8(ascii: ":"))
        two(abs(offsetSeconds) % 3600 / 60)
      }
      return count
    }
  }

  /// Parses exactly `YYYY-MM-DDTHH:MM:SS.mmmZ` into milliseconds since 1970; nil for anything else.
  static func parseUTCMilliseconds(_ text: String) -> Int64? {
    let bytes = Array(text.utf8)
    guard bytes.count == 24, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58,
      bytes[16] == 58, bytes[19] == 46, bytes[23] == 90
    else { return nil }
    func number(_ from: Int, _ count: Int) -> Int? {
      var value = 0
      for index in from..<(from + count) {
        let byte = bytes[index]
        guard byte >= 48 && byte <= 57 else { return nil }
        value = value * 10 + Int(byte - 48)
      }
      return value
    }
    guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
      let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
      let millis = number(20, 3), (1...12).contains(month), (1...31).contains(day), hour < 24,
      minute < 60, second < 61
    else { return nil }
    let seconds =
      days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    return Int64(seconds) * 1000 + Int64(millis)
  }
}
