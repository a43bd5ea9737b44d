import Foundation
import TestSupport
import Testing

/// A whole parent induction against the built binary: on a real (pseudo) terminal and through pipes.
@Suite("A parent completes an induction", .hangGuard)
struct CompleteInductionTests {
  @Test func aParentAtATerminalSignsAndTheReferenceOnScreenIsTheOneStored() throws {
    let sandbox = try Sandbox()
    let terminal = try sandbox.startOnTerminal(seed: 11)
    let driver = InductionDriver(program: terminal, key: try AnswerKey())

    let (reference, check) = try driver.completeInduction()
    #expect(try terminal.waitForExit(timeout: stepTimeout) == 0)

    #expect(
      checkedDetails(in: check) == [
        "  You: \(Parent.name) (parent)",
        "  Child: \(Parent.child), \(Parent.className)",
      ], "details screen:\n\(check)")
    // On a terminal, headings are bold and the screen is cleared: the raw output has escapes.
    #expect(terminal.output.contains("\u{1B}[1m"))
    #expect(terminal.plainText.contains("Your acknowledgement is signed and saved."))
    try expectSigned(sandbox, reference: reference)
  }

  @Test func theWelcomeIsDrawnOnceAndTheSameWhetherTheScenariosAreLintedOrTakenFromTheCache()
    throws
  {
    // Given a data folder with no key yet (so the first start lints the folder and caches it once
    // the key is made), started twice at a terminal
    let sandbox = try Sandbox()
    var welcomes: [String] = []
    for _ in 0..<2 {
      let terminal = try sandbox.startOnTerminal(seed: 11)
      let screen = try terminal.waitFor("Press Enter to begin: ", timeout: stepTimeout)
      // Then the welcome is on screen once before the first prompt, with the school and languages
      #expect(terminal.plainText.components(separatedBy: "Welcome to").count == 2)
      #expect(screen.contains("Language · Język · Iaith"))
      welcomes.append(screen)
      try terminal.sendEndOfFile()
      #expect(try terminal.waitForExit(timeout: stepTimeout) == 3)
    }
    // And the second start, drawn from the cache before the store opens, shows the same screen
    #expect(FileManager.default.fileExists(atPath: sandbox.dataDirectory.path + "/scenarios.cache"))
    #expect(welcomes[0] == welcomes[1])
    #expect(try sandbox.count("session") == 0)
  }

  @Test func aParentThroughAPipeSignsAndTheReferenceOnScreenIsTheOneStored() throws {
    let sandbox = try Sandbox()
    let program = try sandbox.startPiped(seed: 12)
    let driver = InductionDriver(program: program, key: try AnswerKey())

    let (reference, check) = try driver.completeInduction()
    #expect(try program.waitForExit(timeout: stepTimeout) == 0)

    #expect(
      checkedDetails(in: check) == [
        "  You: \(Parent.name) (parent)",
        "  Child: \(Parent.child), \(Parent.className)",
      ], "details screen:\n\(check)")
    // Not a terminal: no escape sequences at all, and plain reading never echoes what was typed.
    #expect(!program.rawOutput.contains(0x1B))
    #expect(
      program.output.components(separatedBy: Parent.child).count == 2,
      "the child's name is shown once, on the check")
    #expect(program.errorOutput.isEmpty)
    try expectSigned(sandbox, reference: reference)
  }

  @Test func aWrongAnswerComesBackAtTheEndAndTheScoreCountsFirstTries() throws {
    let sandbox = try Sandbox()
    let program = try sandbox.startPiped(seed: 13)
    let key = try AnswerKey()
    let driver = InductionDriver(program: program, key: key)
    try driver.readWelcomeAndGuidance()

    let firstScreen = try driver.nextQuestion()
    let first = try #require(DisplayedQuestion(screen: firstScreen))
    try driver.answer(try key.wrongNumber(on: firstScreen), expectRight: false)
    var asked: [DisplayedQuestion] = [first]
    while true {
      let (index, screen) = try program.waitFor(
        anyOf: ["Type the number of your answer (1-", "Well done"], timeout: stepTimeout)
      if index == 1 { break }
      try program.waitFor("): ", timeout: stepTimeout)
      asked.append(try #require(DisplayedQuestion(screen: screen)))
      try driver.answer(try key.correctNumber(on: screen), expectRight: true)
      try #require(asked.count <= key.scenarioCount + 1)
    }
    #expect(asked.count == key.scenarioCount + 1)
    #expect(asked.last?.title == first.title)
    #expect(asked.last?.isRetry == true)
    #expect(asked.dropLast().allSatisfy { !$0.isRetry })
    let summary = try program.waitFor("Press Enter to continue: ", timeout: stepTimeout)
    let count = key.scenarioCount
    #expect(
      summary.contains("You got \(count - 1) of \(count) right first time"), "summary:\n\(summary)")
    try program.sendLine("")

    try program.waitFor("Your full name: ", timeout: stepTimeout)
    _ = try driver.enterDetailsAfterNamePrompt()
    let reference = try driver.signAndReadReference()
    #expect(try program.waitForExit(timeout: stepTimeout) == 0)
    try expectSigned(sandbox, reference: reference)
    #expect(
      try sandbox.query(
        "SELECT scenario_count, first_try_correct, attempt_count FROM \(signedEntries);")
        == ["\(count)|\(count - 1)|\(count + 1)"])
  }
}
