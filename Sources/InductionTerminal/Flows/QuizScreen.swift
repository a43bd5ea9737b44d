import InductionCore

/// Asks every scenario until each has been answered correctly once, recording each answer.
struct QuizScreen {
  let environment: Environment
  let prompter: Prompter
  let session: Int64

  var console: Console { environment.console }
  var phrases: Phrases { prompter.phrases }

  func run(scenarios: [Scenario]) throws -> Quiz {
    var quiz = Quiz(scenarios: scenarios, generator: environment.random.makeGenerator())
    var announcedRetries = false
    while let question = quiz.current {
      if question.isRetry && !announcedRetries {
        announcedRetries = true
        console.clearScreen()
        console.heading(phrases.text(.quizAgainHeading))
        console.paragraph(phrases.text(.quizAgain, count: quiz.retriesWaiting + 1))
        console.line()
      }
      let pick = try ask(question)
      guard let answer = quiz.answer(pick, at: environment.clock.now()) else { continue }
      // The attempt also lives in the transcript hash signed into the ledger; losing this stats row
      // to a busy or full disk must not stop a parent mid-quiz.
      try? environment.database.recordAttempt(answer.attempt, session: session)
      console.line()
      if answer.isCorrect {
        console.line(console.toned(phrases.text(.quizRight), .good))
      } else {
        console.line(console.toned(phrases.text(.quizWrong), .bad))
      }
      console.paragraph("\(answer.choice.feedback)")
      if !answer.isCorrect {
        console.paragraph(phrases.text(.quizComeBack))
      }
      console.line()
      _ = try prompter.ask(
        phrases.prompt(.quizContinuePrompt), help: phrases.text(.quizContinueHelp))
    }
    return quiz
  }

  private func ask(_ question: Quiz.Question) throws -> Int {
    console.clearScreen()
    let values = [
      "number": String(question.number), "total": String(question.total),
      "title": question.scenario.title,
    ]
    console.heading(phrases.text(question.isRetry ? .quizHeadingAgain : .quizHeading, values))
    console.line()
    console.paragraph("\(question.scenario.situation)")
    console.line()
    console.paragraph("\(question.scenario.question)")
    for (index, entry) in question.choices.enumerated() {
      console.paragraph("\(index + 1). \(entry.choice.text)", indent: 2, hanging: 3)
    }
    console.line()
    let count = question.choices.count
    let numbers = (1...count).map(String.init)
    while true {
      let answer = try prompter.ask(
        phrases.prompt(.quizPrompt, ["count": String(count)]),
        kind: .answer(completions: numbers), help: phrases.text(.quizHelp))
      if let index = Self.choiceIndex(answer, count: count) { return index }
      console.line(phrases.text(.quizInvalid, ["count": String(count)]))
    }
  }

  /// `"2"`, `"2."`, `"b"` or `"B)"` → 1; anything else → nil.
  static func choiceIndex(_ text: String, count: Int) -> Int? {
    var trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    if trimmed.hasSuffix(".") || trimmed.hasSuffix(")") { trimmed.removeLast() }
    if let number = Int(trimmed), (1...count).contains(number) { return number - 1 }
    if trimmed.count == 1, let scalar = trimmed.unicodeScalars.first, ("a"..."z").contains(scalar) {
      let index = Int(scalar.value - UnicodeScalar("a").value)
      return index < count ? index : nil
    }
    return nil
  }
}
