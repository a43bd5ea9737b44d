import Foundation

/// The scenarios: each asked, its feedback straight after, the wrong ones again until right.
extension Induction {
  mutating func enterQuiz() {
    state.quiz = Quiz(
      scenarios: shown.catalog.scenarios, generator: services.random.makeGenerator(),
      earlier: state.earlierAttempts)
    state.announcedRetries = false
    askQuestion()
  }

  mutating func askQuestion() {
    guard let quiz = state.quiz, let question = quiz.current else { return enterSummary() }
    if question.isRetry && !state.announcedRetries {
      state.announcedRetries = true
      show(.retriesIntro(count: quiz.retriesWaiting + 1))
    }
    show(
      .question(
        QuestionShown(
          scenario: question.scenario, choices: question.choices.map(\.choice),
          number: question.number, total: question.total, isRetry: question.isRetry)))
    let count = question.choices.count
    ask(
      .question,
      prompt(.quizPrompt, ["count": String(count)], help: .quizHelp, field: .choice(count: count)))
  }

  mutating func answerQuestion(_ typed: String) {
    let now = services.clock.now()
    let count = state.quiz?.current?.choices.count ?? 0
    guard let index = Quiz.choiceIndex(typed, count: count),
      let answer = state.quiz?.answer(index, at: now)
    else {
      notice(.line(.quizInvalid, ["count": String(count)]))
      return askAgain()
    }
    if let session = state.session {
      // The attempt also lives in the transcript hash signed into the ledger; losing this
      // statistics row to a busy or full disk must not stop a parent mid-quiz.
      try? services.store.recordAttempt(answer.attempt, session: session)
    }
    show(.feedback(correct: answer.isCorrect, feedback: answer.choice.feedback))
    ask(.feedback, prompt(.quizContinuePrompt, help: .quizContinueHelp))
  }

  private mutating func enterSummary() {
    let summary = state.quiz?.summary
    show(.summary(correct: summary?.firstTryCorrect ?? 0, total: summary?.scenarioCount ?? 0))
    ask(.summary, prompt(.summaryPrompt, help: .summaryHelp))
  }
}
