import InductionCore

/// Asks every scenario until each has been answered correctly once, recording each answer.
struct QuizScreen {
  let environment: Environment
  let prompter: Prompter
  let session: Int64

  var console: Console { environment.console }

  func run(scenarios: [Scenario]) throws -> Quiz {
    var quiz = Quiz(scenarios: scenarios, generator: environment.random.makeGenerator())
    var announcedRetries = false
    while let question = quiz.current {
      if question.isRetry && !announcedRetries {
        announcedRetries = true
        console.clearScreen()
        console.heading("Let's look again")
        console.paragraph(
          "You have \(quiz.retriesWaiting + 1) \(quiz.retriesWaiting == 0 ? "question" : "questions") to try again. Take your time and read the situation once more."
        )
        console.line()
      }
      let pick = try ask(question)
      guard let answer = quiz.answer(pick, at: environment.clock.now()) else { continue }
      // The attempt also lives in the transcript hash signed into the ledger; losing this stats row
      // to a busy or full disk must not stop a parent mid-quiz.
      try? environment.database.recordAttempt(answer.attempt, session: session)
      console.line()
      if answer.isCorrect {
        console.line(console.toned("✓ That's right.", .good))
      } else {
        console.line(console.toned("✗ Not quite.", .bad))
      }
      console.paragraph("\(answer.choice.feedback)")
      if !answer.isCorrect {
        console.paragraph("We will come back to this one at the end.")
      }
      console.line()
      _ = try prompter.ask(
        "Press Enter to continue: ", help: "Press Enter to go on to the next question.")
    }
    return quiz
  }

  private func ask(_ question: Quiz.Question) throws -> Int {
    console.clearScreen()
    let label: TerminalText =
      question.isRetry
      ? "Question \(question.number) of \(question.total), again: \(question.scenario.title)"
      : "Question \(question.number) of \(question.total): \(question.scenario.title)"
    console.heading(label)
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
        "Type the number of your answer (1-\(count)): ", kind: .answer(completions: numbers),
        help:
          "Read the situation, then type the number next to the answer you think is best, and press Enter. If you are not sure, pick the one you think is closest: you will see why straight away."
      )
      if let index = Self.choiceIndex(answer, count: count) { return index }
      console.line("Please type a number from 1 to \(count).")
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
