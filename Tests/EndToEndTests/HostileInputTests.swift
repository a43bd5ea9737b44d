import Foundation
import TestSupport
import Testing

/// Whatever is typed at a prompt, the program neither crashes nor sends it back to the terminal raw.
@Suite("Hostile input at the prompts", .hangGuard)
struct HostileInputTests {
  /// Colour, then a window-title OSC ending in BEL, then a right-to-left override.
  static let escapes = "\u{1B}[31mRED\u{1B}]0;TITLE\u{07}\u{202E}Zoë"
  static let rightToLeftOverride = Array("\u{202E}".utf8)

  @Test func aTerminalUserTypingALongLineAndEscapesIsRefusedPlainlyAndCanCancel() throws {
    let sandbox = try Sandbox()
    let terminal = try sandbox.startOnTerminal(seed: 31)
    let driver = InductionDriver(program: terminal, key: try AnswerKey())
    try driver.readWelcomeAndGuidance()
    try driver.passQuiz()
    try terminal.waitFor("Your full name: ", timeout: stepTimeout)

    try terminal.sendLine(String(repeating: "x", count: 10_000))
    try terminal.waitFor("That is too long", timeout: stepTimeout)
    try terminal.waitFor("Your full name: ", timeout: stepTimeout)

    // Ctrl-V (quoted-insert) before each control character, so readline takes it as typed text
    // instead of an editing key: the program then receives the raw escape sequences.
    let quoted = Self.escapes.replacingOccurrences(of: "\u{1B}", with: "\u{16}\u{1B}")
      .replacingOccurrences(of: "\u{07}", with: "\u{16}\u{07}")
    try terminal.sendLine(quoted)
    try terminal.waitFor("That name has characters that cannot be used", timeout: stepTimeout)
    let afterMessage = try terminal.waitFor("Your full name: ", timeout: stepTimeout)
    #expect(
      !afterMessage.contains("\u{202E}"), "the refusal repeated the override:\n\(afterMessage)")
    #expect(
      !afterMessage.contains("TITLE"), "the refusal repeated the typed text:\n\(afterMessage)")
    // Readline shows typed control characters as ^[ and the program never repeats them, so neither
    // the colour nor the window-title sequence reaches the terminal.
    let raw = terminal.rawOutput
    #expect(
      !raw.contains(Array("\u{1B}]0;TITLE".utf8)), "the window-title sequence reached the terminal")
    #expect(!raw.contains(Array("\u{1B}[31mRED".utf8)), "the colour sequence reached the terminal")

    try terminal.sendEndOfFile()
    try terminal.waitFor("Cancelled. Nothing has been signed or saved.", timeout: stepTimeout)
    #expect(try terminal.waitForExit(timeout: stepTimeout) == 3)
    try expectNothingSigned(sandbox)
  }

  @Test func aPipedUserSendingHostileBytesIsRefusedPlainlyNeverEchoedAndCanStillSign() throws {
    let sandbox = try Sandbox()
    let program = try sandbox.startPiped(seed: 32)
    let driver = InductionDriver(program: program, key: try AnswerKey())
    try driver.readWelcomeAndGuidance()

    // At a quiz prompt: not a number, so asked again; then answered as normal.
    let screen = try driver.nextQuestion()
    try program.sendLine(Self.escapes)
    try program.waitFor("Please type a number from 1 to", timeout: stepTimeout)
    try program.waitFor("Type the number of your answer (1-", timeout: stepTimeout)
    try program.waitFor("): ", timeout: stepTimeout)
    try driver.answer(try driver.key.correctNumber(on: screen), expectRight: true)
    try driver.answerCorrectly()
    try program.waitFor("Press Enter to continue: ", timeout: stepTimeout)
    try program.sendLine("")

    let refusals: [(what: String, bytes: [UInt8], message: String)] = [
      ("10,000 characters", Array(String(repeating: "x", count: 10_000).utf8), "That is too long"),
      ("300,000 bytes", Array(String(repeating: "é", count: 150_000).utf8), "That is too long"),
      ("escape sequences and U+202E", Array(Self.escapes.utf8), "characters that cannot be used"),
      (
        "invalid UTF-8", Array("Zo".utf8) + [0xFF, 0xFE, 0xC3] + Array("e".utf8),
        "characters that cannot be used"
      ),
      ("a NUL byte", Array("Zo".utf8) + [0x00] + Array("e".utf8), "characters that cannot be used"),
      ("a lone DEL", Array("Zo".utf8) + [0x7F] + Array("e".utf8), "characters that cannot be used"),
    ]
    for refusal in refusals {
      try program.waitFor("Your full name: ", timeout: stepTimeout)
      try program.send(bytes: refusal.bytes + [0x0A])
      let reply = try program.waitFor(refusal.message, timeout: stepTimeout)
      #expect(
        !reply.contains("TITLE") && !reply.contains("Zo"), "\(refusal.what) was echoed:\n\(reply)")
    }
    try program.waitFor("Your full name: ", timeout: stepTimeout)
    _ = try driver.enterDetailsAfterNamePrompt()
    let reference = try driver.signAndReadReference()
    #expect(try program.waitForExit(timeout: stepTimeout) == 0)

    // Standard output is a pipe: the program writes no escape sequence at all, never the override,
    // nor any byte it was sent that is not text, and it stays valid UTF-8.
    let raw = program.rawOutput
    #expect(!raw.contains(0x1B))
    #expect(!raw.contains(0x00))
    #expect(!raw.contains(0x7F))
    #expect(!raw.contains(Self.rightToLeftOverride))
    #expect(!program.output.contains("TITLE"))
    #expect(String(validating: raw, as: UTF8.self) != nil, "the output is not valid UTF-8")
    #expect(program.errorOutput.isEmpty, "standard error: \(program.errorOutput)")
    try expectSigned(sandbox, reference: reference)
  }
}
