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
