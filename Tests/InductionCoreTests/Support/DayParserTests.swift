import Foundation
import InductionCore
import Testing

@Suite("Days typed as YYYY-MM-DD")
struct DayParserTests {
  @Test(arguments: [
    "2026-13-01", "2026-00-10", "2026-02-30", "2025-02-29", "2026-04-31", "2026-2-1", "26-02-01",
    "2026/02/01", "2026-02-01 ", "２０２６-02-01", "2026-02-0a", "",
  ])
  func anImpossibleOrMistypedDayIsRefused(text: String) {
    #expect(DayParser.day(text) == nil, "\(text)")
    #expect(throws: DayParser.Invalid(option: "--since")) {
      try DayParser.startOfDay(text, option: "--since", zone: TimeZone(identifier: "UTC")!)
    }
  }

  @Test func realDaysAreReadAndAClockChangeDayLasts23Hours() throws {
    #expect(DayParser.day("2024-02-29")! == (2024, 2, 29))
    #expect(DayParser.day("2026-12-31")! == (2026, 12, 31))
    let london = TimeZone(identifier: "Europe/London")!
    let start = try DayParser.startOfDay("2026-03-29", option: "--since", zone: london)
    let end = try DayParser.endOfDay("2026-03-29", option: "--until", zone: london)
    #expect(start == Date(timeIntervalSince1970: 1_774_742_400))  // 2026-03-29 00:00 GMT
    #expect(end.timeIntervalSince(start) == 23 * 3600)
  }
}
