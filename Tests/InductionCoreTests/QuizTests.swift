import Foundation
import InductionCore
import TestSupport
import Testing

@Suite("Quiz")
struct QuizTests {
  func correctIndex(_ question: Quiz.Question) -> Int {
    question.choices.firstIndex { $0.choice.isCorrect }!
  }

  @Test func everyScenarioIsAskedAndAWrongOneComesBackUntilRight() throws {
    var quiz = Quiz(scenarios: Fixtures.scenarios, generator: SplitMix64(seed: 3))
    var asked: [String] = []
    var wrongOnce = Set<String>()
    while let question = quiz.current {
      asked.append(question.scenario.id)
      let correct = correctIndex(question)
      // Answer each scenario wrongly twice before getting it right.
      let wrongSoFar = quiz.attempts.filter {
        $0.scenarioID == question.scenario.id && !$0.isCorrect
      }.count
      let pick = wrongSoFar < 2 ? (correct + 1) % question.choices.count : correct
      if wrongSoFar < 2 { wrongOnce.insert(question.scenario.id) }
      _ = quiz.answer(pick, at: Fixtures.instant)
    }
    #expect(asked.count == 6)
    #expect(Set(asked.prefix(2)) == ["rule-one", "rule-two"])
    #expect(quiz.summary == QuizSummary(scenarioCount: 2, firstTryCorrect: 0, attemptCount: 6))
    #expect(quiz.attempts.filter(\.isFirstTry).count == 2)
  }

  @Test func theSameSeedGivesTheSameOrderAndDifferentSeedsDiffer() {
    func order(_ seed: UInt64) -> [[Int]] {
      var quiz = Quiz(scenarios: Fixtures.scenarios, generator: SplitMix64(seed: seed))
      var orders: [[Int]] = []
      while let question = quiz.current {
        orders.append(question.choices.map(\.originalIndex))
        _ = quiz.answer(correctIndex(question), at: Fixtures.instant)
      }
      return orders
    }
    #expect(order(11) == order(11))
    #expect((1...20).map { order($0) }.count { $0 != order(11) } > 0)
  }

  @Test func anOutOfRangeAnswerIsIgnored() {
    var quiz = Quiz(scenarios: Fixtures.scenarios, generator: SplitMix64(seed: 1))
    #expect(quiz.answer(7, at: Fixtures.instant) == nil)
    #expect(quiz.attempts.isEmpty)
  }
}

@Suite("Names, references and encodings")
struct PrimitivesTests {
  @Test func namesMatchIgnoringCaseSpacesAndNormalisationForm() {
    #expect(
      NameNormalisation.signatureMatches("  zoe\u{308}   NÍ bhriain ", name: "Zoë Ní Bhriain"))
    #expect(!NameNormalisation.signatureMatches("Zoe Ni Bhriain", name: "Zoë Ní Bhriain"))
    #expect(!NameNormalisation.signatureMatches("", name: ""))
    #expect(NameNormalisation.tidy(" Siobha\u{301}n \t O'Neil ") == "Siobhán O'Neil")
  }

  @Test func referencesAreCrockfordBase32OfTheHash() {
    #expect(Reference.make(from: [0, 0, 0, 0, 0]) == "00000000")
    #expect(Reference.make(from: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF]) == "ZZZZZZZZ")
    #expect(Reference.make(from: [0x08, 0x42, 0x10, 0x84, 0x21]) == "11111111")
    #expect(Reference.display("ABCDEFGH") == "ABCD-EFGH")
    #expect(Reference.normalise("abcd-efgh") == "ABCDEFGH")
    #expect(Reference.normalise("IOL0-1234") == "10101234")
    #expect(Reference.normalise("ABCU1234") == nil)
    #expect(Reference.normalise("short") == nil)
  }

  @Test func lengthPrefixesKeepFieldBoundaries() {
    var a = CanonicalEncoder(domain: "d")
    a.append("ab")
    a.append("c")
    var b = CanonicalEncoder(domain: "d")
    b.append("a")
    b.append("bc")
    #expect(a.bytes != b.bytes)
    #expect(
      a.bytes == Array("d".utf8) + [0, 0, 0, 2] + Array("ab".utf8) + [0, 0, 0, 1] + Array("c".utf8))
  }

  @Test func localTimesCarryTheSchoolOffset() {
    let summer = Date(timeIntervalSince1970: 1_782_900_000)  // 2026-07-01 10:00 UTC
    let zone = TimeZone(identifier: "Europe/London")!
    #expect(Timestamp.local(summer, in: zone) == "2026-07-01 11:00:00 +01:00")
    #expect(Timestamp.local(Fixtures.instant, in: zone) == "2026-11-26 09:00:00 +00:00")
    #expect(Timestamp.utc(Fixtures.instant.addingTimeInterval(0.25)) == "2026-11-26T09:00:00.250Z")
  }
}

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
