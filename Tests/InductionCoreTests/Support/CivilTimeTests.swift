import Foundation
import InductionCore
import TestSupport
import Testing

@Suite("Calendar arithmetic")
struct CivilTimeTests {
  @Test func utcAndLocalTimesAgreeWithFoundationsCalendarAcrossTwoCenturies() {
    var generator = SplitMix64(seed: 99)
    let zone = TimeZone(identifier: "Europe/London")!
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    for _ in 0..<2_000 {
      let millis = Int64.random(in: -2_000_000_000_000...4_000_000_000_000, using: &generator)
      let date = Date(timeIntervalSince1970: Double(millis) / 1000)
      // The oracle: Foundation's calendar, field by field.
      let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
      let offset = zone.secondsFromGMT(for: date)
      let expected = String(
        format: "%04d-%02d-%02d %02d:%02d:%02d %@%02d:%02d", c.year!, c.month!, c.day!, c.hour!,
        c.minute!,
        c.second!, offset < 0 ? "-" : "+", abs(offset) / 3600, abs(offset) % 3600 / 60)
      #expect(Timestamp.local(date, in: zone) == expected)
      let utc = Timestamp.utc(date)
      #expect(
        Timestamp.parseUTC(utc).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) } == millis
      )
    }
    #expect(Timestamp.parseUTC("2026-13-01T00:00:00.000Z") == nil)
    #expect(Timestamp.parseUTC("2026-11-26 09:00:00") == nil)
  }
}
