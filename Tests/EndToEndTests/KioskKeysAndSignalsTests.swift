import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// No key a parent can press lets them out of the kiosk; only the staff word and the right PIN do.
/// SIGTERM and SIGHUP end the current session unsigned and the kiosk with status 4.
@Suite("Kiosk: keys and signals", .hangGuard)
struct KioskKeysAndSignalsTests {
  static let help = "Press Ctrl-C to start again from the beginning."
  static let startOver = "Start over from the beginning? Nothing will be saved. (yes/no): "
  static let welcome = "Press Enter to begin: "
  static let question = "Type the number of your answer (1-"
  static let signature = "To sign, type your full name as you gave it: "

  /// Ctrl-C then "no" at `prompt`: "Carrying on." and the same prompt again.
  func interruptAndCarryOn(_ terminal: PseudoTerminal, at prompt: String) throws {
    try terminal.send(Key.interrupt)
    try terminal.waitFor(Self.startOver, timeout: stepTimeout)
    try terminal.sendLine("no")
    try terminal.waitFor("Carrying on.", timeout: stepTimeout)
    try terminal.waitFor(prompt, timeout: stepTimeout)
    #expect(!terminal.hasExited)
  }

  /// Ctrl-Z and Ctrl-\ at `prompt` do nothing: the program is still there, at the same prompt, and
  /// answers "help" there.
  func suspendAndQuitAreIgnored(_ terminal: PseudoTerminal, at prompt: String) throws {
    try terminal.send(Key.suspend)
    try terminal.send(Key.quit)
    try terminal.sendLine("help")
    try terminal.waitFor(Self.help, timeout: stepTimeout)
    try terminal.waitFor(prompt, timeout: stepTimeout)
    #expect(!terminal.hasExited)
  }

  /// Ctrl-D during a session: cancelled, then the welcome screen again.
  func endOfFileGoesBackToWelcome(_ terminal: PseudoTerminal) throws {
    try terminal.send(Key.endOfFile)
    try terminal.waitFor("Cancelled. Nothing has been signed or saved.", timeout: stepTimeout)
    try terminal.waitFor("Welcome to", timeout: stepTimeout)
    try terminal.waitFor(Self.welcome, timeout: stepTimeout)
    #expect(!terminal.hasExited)
  }

  @Test func ctrlCDZAndBackslashAtWelcomeQuizAndSignatureNeverEndTheKioskAndOnlyTheRightPinDoes()
    throws
  {
    let sandbox = try Sandbox()
    try sandbox.setStaffPin()
    let terminal = try sandbox.kioskOnTerminal(station: "Reception", seed: 51)
    let driver = InductionDriver(program: terminal, key: try AnswerKey())

    // At the welcome screen.
    try terminal.waitFor(Self.welcome, timeout: stepTimeout)
    try interruptAndCarryOn(terminal, at: Self.welcome)
    try suspendAndQuitAreIgnored(terminal, at: Self.welcome)
    try terminal.send(Key.endOfFile)
    try terminal.waitFor("Welcome to", timeout: stepTimeout)
    try terminal.waitFor(Self.welcome, timeout: stepTimeout)
    #expect(!terminal.hasExited)
    #expect(try sandbox.count("session") == 0, "no session starts before the welcome is passed")

    // In the quiz: Ctrl-C then no carries on at the same question; Ctrl-Z and Ctrl-\ do nothing.
    try terminal.sendLine("")
    try readGuidance(terminal)
    let first = try driver.nextQuestion()
    try interruptAndCarryOn(terminal, at: Self.question)
    try terminal.waitFor("): ", timeout: stepTimeout)
    try suspendAndQuitAreIgnored(terminal, at: Self.question)
    try terminal.waitFor("): ", timeout: stepTimeout)
    try driver.answer(try driver.key.correctNumber(on: first), expectRight: true)
    // Ctrl-C then yes starts over from the welcome screen.
    _ = try driver.nextQuestion()
    try terminal.send(Key.interrupt)
    try terminal.waitFor(Self.startOver, timeout: stepTimeout)
    try terminal.sendLine("yes")
    try terminal.waitFor("Welcome to", timeout: stepTimeout)
    try terminal.waitFor(Self.welcome, timeout: stepTimeout)
    // Ctrl-D in the quiz cancels the session and goes back to the welcome screen.
    try terminal.sendLine("")
    try readGuidance(terminal)
    _ = try driver.nextQuestion()
    try endOfFileGoesBackToWelcome(terminal)

    // At the signature.
    try terminal.sendLine("")
    try readGuidance(terminal)
    try driver.passQuiz()
    try terminal.waitFor("Your full name: ", timeout: stepTimeout)
    try driver.enterDetailsAfterNamePrompt(as: .ann)
    try terminal.waitFor(Self.signature, timeout: stepTimeout)
    try interruptAndCarryOn(terminal, at: Self.signature)
    try suspendAndQuitAreIgnored(terminal, at: Self.signature)
    try endOfFileGoesBackToWelcome(terminal)

    // A wrong PIN goes back to the kiosk; the right one, then "1", too; only "2" closes it.
    try terminal.sendLine(":staff")
    try terminal.waitFor("Staff PIN: ", timeout: stepTimeout)
    try driver.typePin("000000")
    try terminal.waitFor("That PIN is not right.", timeout: 3 * stepTimeout)
    try terminal.waitFor("Press Enter to go back: ", timeout: stepTimeout)
    try terminal.sendLine("")
    try terminal.waitFor("Welcome to", timeout: stepTimeout)
    try terminal.waitFor(Self.welcome, timeout: stepTimeout)
    #expect(!terminal.hasExited)
    try terminal.sendLine(":staff")
    try terminal.waitFor("Staff PIN: ", timeout: stepTimeout)
    try driver.typePin(kioskPin)
    try terminal.waitFor("Type 1 or 2: ", timeout: 3 * stepTimeout)
    try terminal.sendLine("1")
    try terminal.waitFor("Welcome to", timeout: stepTimeout)
    try terminal.waitFor(Self.welcome, timeout: stepTimeout)
    #expect(!terminal.hasExited)
    #expect(try driver.closeKiosk() == 0)

    #expect(!terminal.output.contains(kioskPin), "the PIN was shown")
    #expect(!terminal.output.contains("000000"), "the wrong PIN was shown")
    #expect(try sandbox.sessionOutcomes() == ["restarted", "cancelled", "cancelled"])
    #expect(
      try sandbox.query("SELECT action FROM staff_event WHERE action = 'pin rejected';") == [
        "pin rejected"
      ])
    try expectNothingSigned(sandbox)
  }

  @Test func sigtermDuringTheQuizEndsTheSessionUnsignedAndTheKioskWithStatus4() throws {
    let sandbox = try Sandbox()
    try sandbox.setStaffPin()
    let terminal = try sandbox.kioskOnTerminal(station: "Reception", seed: 52)
    let driver = InductionDriver(program: terminal, key: try AnswerKey())

    try driver.readWelcomeAndGuidance()
    try driver.answerCorrectly(count: 2)
    _ = try driver.nextQuestion()
    terminal.kill(SIGTERM)
    try terminal.waitFor("This session was closed. Nothing has been signed.", timeout: stepTimeout)
    #expect(try terminal.waitForExit(timeout: stepTimeout) == 4)

    #expect(
      try sandbox.query("SELECT station, mode, outcome FROM session;") == ["Reception|kiosk|ended"])
    #expect(
      try sandbox.query("SELECT action FROM staff_event WHERE action = 'kiosk ended by signal';")
        .count == 1)
    try expectNothingSigned(sandbox)
  }

  @Test func sighupJustBeforeSigningEndsTheSessionUnsignedAndTheKioskWithStatus4() throws {
    let sandbox = try Sandbox()
    try sandbox.setStaffPin()
    let terminal = try sandbox.kioskOnTerminal(station: "Reception", seed: 53)
    let driver = InductionDriver(program: terminal, key: try AnswerKey())

    try driver.readWelcomeAndGuidance()
    try driver.passQuiz()
    try terminal.waitFor("Your full name: ", timeout: stepTimeout)
    try driver.enterDetailsAfterNamePrompt(as: .ann)
    try terminal.waitFor(Self.signature, timeout: stepTimeout)
    try terminal.sendLine(Visitor.ann.name)
    try terminal.waitFor(
      "Type yes to sign and save, or no to change your details: ", timeout: stepTimeout)
    terminal.kill(SIGHUP)
    try terminal.waitFor("This session was closed. Nothing has been signed.", timeout: stepTimeout)
    #expect(try terminal.waitForExit(timeout: stepTimeout) == 4)

    #expect(try sandbox.sessionOutcomes() == ["ended"])
    try expectNothingSigned(sandbox)
  }

  /// Presses Enter through every guidance screen (the welcome has already been passed).
  private func readGuidance(_ terminal: PseudoTerminal) throws {
    for _ in 0..<50 {
      let (index, _) = try terminal.waitFor(
        anyOf: ["Press Enter to read on: ", "Press Enter to start the questions: "],
        timeout: stepTimeout)
      try terminal.sendLine("")
      if index == 1 { return }
    }
    Issue.record("the guidance never ends")
  }
}
