import Foundation
import InductionCore

/// Quiz answers shaped like a parent's: every scenario once, the ones missed first time asked again
/// until right, a few seconds apart, ending before `signedAt`.
enum SyntheticAnswers {
  static func make(
    scenarioCount: Int, firstTryCorrect: Int, attemptCount: Int, signedAt: Date,
    random: inout SeededGenerator
  ) -> [QuizAttempt] {
    var attempts: [QuizAttempt] = []
    attempts.reserveCapacity(attemptCount)
    let missed = Set(
      (0..<scenarioCount).shuffled(using: &random).prefix(scenarioCount - firstTryCorrect))
    var start = signedAt.addingTimeInterval(-Double(attemptCount * 20 + 60))
    func answer(_ scenario: Int, right: Bool, first: Bool) {
      start += Double(Int.random(in: 8...30, using: &random))
      let choice = right ? 1 : [0, 2, 3].randomElement(using: &random)!
      attempts.append(
        QuizAttempt(
          scenarioID: "scenario-\(scenario + 1)", choiceIndex: choice,
          choiceText: "Choice \(choice + 1)",
          isCorrect: right, isFirstTry: first, answeredAt: start))
    }
    for scenario in 0..<scenarioCount {
      answer(scenario, right: !missed.contains(scenario), first: true)
    }
    var retries = attemptCount - scenarioCount
    var waiting = Array(missed)
    while retries > 0, !waiting.isEmpty {
      let scenario = waiting.removeFirst()
      let right = retries <= waiting.count + 1 || Bool.random(using: &random)
      answer(scenario, right: right, first: false)
      if !right { waiting.append(scenario) }
      retries -= 1
    }
    return attempts
  }
}
