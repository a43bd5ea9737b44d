import Foundation
import TestSupport
import Testing

/// A session that ends abruptly is never counted as signed; one that ends just after the receipt is.
@Suite("An induction that is cut short", .hangGuard)
struct InterruptedInductionTests {
  @Test func killingTheProgramDuringTheQuizLeavesNothingSigned() throws {
    let sandbox = try Sandbox()
    let terminal = try sandbox.startOnTerminal(seed: 21)
    let driver = InductionDriver(program: terminal, key: try AnswerKey())

    try driver.readWelcomeAndGuidance()
    try driver.answerCorrectly(count: 3)
    _ = try driver.nextQuestion()
    terminal.kill(SIGKILL)
    #expect(try terminal.waitForExit(timeout: stepTimeout) == 128 + SIGKILL)

    try expectNothingSigned(sandbox)
  }

  @Test func killingTheProgramJustAfterTheReceiptKeepsTheSignedEntry() throws {
    let sandbox = try Sandbox()
    let terminal = try sandbox.startOnTerminal(seed: 22)
    let driver = InductionDriver(program: terminal, key: try AnswerKey())

    let (reference, _) = try driver.completeInduction()
    terminal.kill(SIGKILL)
    // It may already have exited normally; either way the entry must be there.
    let status = try terminal.waitForExit(timeout: stepTimeout)
    #expect(status == 0 || status == 128 + SIGKILL)

    try expectSigned(sandbox, reference: reference)
  }

  @Test func ctrlDAtTheFirstPromptCancelsWithStatus3() throws {
    let sandbox = try Sandbox()
    let terminal = try sandbox.startOnTerminal(seed: 23)

    try terminal.waitFor("Press Enter to begin: ", timeout: stepTimeout)
    try terminal.sendEndOfFile()
    try terminal.waitFor("Cancelled. Nothing has been signed or saved.", timeout: stepTimeout)
    #expect(try terminal.waitForExit(timeout: stepTimeout) == 3)

    try expectNothingSigned(sandbox)
    #expect(try sandbox.count("session") == 0, "no session starts before the welcome is passed")
  }

  @Test func endOfPipedInputCancelsWithStatus3() throws {
    let sandbox = try Sandbox()
    let program = try sandbox.startPiped(seed: 24)
    let driver = InductionDriver(program: program, key: try AnswerKey())

    try driver.readWelcomeAndGuidance()
    try driver.answerCorrectly(count: 2)
    _ = try driver.nextQuestion()
    program.closeInput()
    try program.waitFor("Cancelled. Nothing has been signed or saved.", timeout: stepTimeout)
    #expect(try program.waitForExit(timeout: stepTimeout) == 3)

    try expectNothingSigned(sandbox)
  }
}
