import Foundation
import TestSupport
import Testing

/// Two parents, one after the other, at one kiosk on a real terminal: the second sees nothing of the
/// first, and both are recorded.
@Suite("Kiosk: one parent after another", .hangGuard)
struct KioskTwoParentsTests {
  @Test func theSecondParentStartsOnAClearedScreenRecallsNothingOfTheFirstAndBothAreRecorded()
    throws
  {
    let sandbox = try Sandbox()
    try sandbox.setStaffPin()
    let terminal = try sandbox.kioskOnTerminal(station: "Reception", seed: 41)
    let driver = InductionDriver(program: terminal, key: try AnswerKey())

    // Parent A signs and leaves.
    let referenceA = try driver.completeKioskSession(as: .ann)

    // Parent B: the welcome comes back after a screen-and-scrollback clear.
    try driver.readWelcomeAndGuidance()
    try driver.passQuiz()
    try terminal.waitFor("Your full name: ", timeout: stepTimeout)

    // Up arrow, then Ctrl-R and "Ann", then Ctrl-G: readline has nothing to recall. (Readline
    // redraws only what changes, so the search line is checked as a whole once Ctrl-G has put the
    // prompt back.)
    try terminal.send(Key.upArrow)
    try terminal.send(Key.reverseSearch)
    var recalled = try terminal.waitFor("reverse-i-search)`': ", timeout: stepTimeout)
    try terminal.send("Ann" + Key.abort)
    recalled += try terminal.waitFor("Your full name", timeout: stepTimeout)
    #expect(
      recalled.contains("failed reverse-i-search)`A"), "the search found something:\n\(recalled)")
    for trace in ["Able", "Amy", "carer", "yes", "Year"] {
      #expect(!recalled.contains(trace), "readline recalled \"\(trace)\" of parent A:\n\(recalled)")
    }
    let recalledDigits = recalled.contains { $0.isNumber }
    #expect(!recalledDigits, "readline recalled one of parent A's answers:\n\(recalled)")

    // After Ctrl-G the line is empty again: B's name is exactly what B types.
    try driver.enterDetailsAfterNamePrompt(as: .ben)
    let referenceB = try driver.signAndLeave(as: .ben)
    #expect(referenceA != referenceB)

    try terminal.waitFor("Press Enter to begin: ", timeout: stepTimeout)
    #expect(try driver.closeKiosk() == 0)

    // The raw stream: after A's receipt, a screen-and-scrollback clear comes before B's welcome, and
    // nothing of A is written after it.
    let output = terminal.output
    let receiptA = try #require(output.range(of: "Your reference: "))
    let welcomeB = try #require(
      output.range(of: "Welcome to", range: receiptA.upperBound..<output.endIndex))
    let clear = try #require(
      output.range(
        of: screenAndScrollbackClear, options: .backwards,
        range: receiptA.upperBound..<welcomeB.lowerBound),
      "no screen-and-scrollback clear between parent A's receipt and the next welcome")
    let afterClear = InteractiveProgram.plainText(String(output[clear.upperBound...]))
    for trace in [Visitor.ann.name, "Able", Visitor.ann.child, "(carer)", referenceA] {
      #expect(!afterClear.contains(trace), "\"\(trace)\" of parent A is shown after the clear")
    }
    #expect(afterClear.contains("  You: Ben Baker (parent)"))
    // The PIN is never shown.
    #expect(!output.contains(kioskPin))

    // Both are recorded, at this station, in kiosk mode.
    #expect(
      try sandbox.query("SELECT reference, station, mode FROM \(signedEntries) ORDER BY seq;") == [
        referenceA.replacingOccurrences(of: "-", with: "") + "|Reception|kiosk",
        referenceB.replacingOccurrences(of: "-", with: "") + "|Reception|kiosk",
      ])
    #expect(
      try sandbox.query("SELECT parent_name FROM personal_details ORDER BY parent_name;") == [
        "Ann Able", "Ben Baker",
      ])
    #expect(
      try sandbox.query("SELECT station, mode, outcome FROM session ORDER BY id;") == [
        "Reception|kiosk|signed", "Reception|kiosk|signed",
      ])
    let verify = try sandbox.verify()
    #expect(verify.status == 0, "verify failed: \(verify.error)")
    #expect(verify.output == (try sandbox.verifyOK(3)))
  }

  /// Readline's kill ring (Ctrl-U, Ctrl-K, Ctrl-W… fill it; Ctrl-Y yanks it back) outlives a line,
  /// so the kiosk unbinds the yank commands: parent A types their name, erases it with Ctrl-U to type
  /// it again, signs and leaves; parent B's Ctrl-Y at the welcome screen must bring nothing back.
  @Test func theNextParentCannotYankWhatTheParentBeforeErased() throws {
    let sandbox = try Sandbox()
    try sandbox.setStaffPin()
    let terminal = try sandbox.kioskOnTerminal(station: "Reception", seed: 42)
    let driver = InductionDriver(program: terminal, key: try AnswerKey())

    try driver.readWelcomeAndGuidance()
    try driver.passQuiz()
    try terminal.waitFor("Your full name: ", timeout: stepTimeout)
    try terminal.send(Visitor.ann.name + Key.eraseLine)
    try driver.enterDetailsAfterNamePrompt(as: .ann)
    _ = try driver.signAndLeave(as: .ann)

    // Parent B: Ctrl-Y, then Enter, at the welcome screen.
    try terminal.waitFor("Welcome to", timeout: stepTimeout)
    try terminal.waitFor("Press Enter to begin: ", timeout: stepTimeout)
    try terminal.send(Key.yank)
    try terminal.sendLine("")
    let typed = try terminal.waitFor("(1 of 4)", timeout: stepTimeout)
    #expect(!typed.contains("Able"), "parent B yanked parent A's name:\n\(typed)")

    try terminal.waitFor("Press Enter to read on: ", timeout: stepTimeout)
    try terminal.send(Key.endOfFile)
    try terminal.waitFor("Welcome to", timeout: stepTimeout)
    try terminal.waitFor("Press Enter to begin: ", timeout: stepTimeout)
    #expect(try driver.closeKiosk() == 0)
  }
}
