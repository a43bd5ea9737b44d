import Foundation
import InductionCore
import InductionTerminal
import TestSupport
import Testing

@Suite("Hostile input at the prompts")
struct HostileInputTests {
  static let toQuizEnd = ["", "", "", "1", "", "2", "", ""]

  @Test(arguments: [
    String(repeating: "x", count: 10_000),
    "\u{1B}[31mRed\u{1B}]0;Title\u{07}",
    "Evil\u{202E}txt.exe",
    "Nul\u{0}Byte",
    "Bad\u{FFFD}Bytes",
    "12345",
    "   ",
  ])
  func aHostileNameGetsAPlainMessageAndIsNeverEchoedRaw(name: String) throws {
    let session = try TestSession(
      lines: Self.toQuizEnd + [
        name, "Zoë Ní Bhriain", "1", "Siobhán O'Neil-Smith", "1", "no", "yes", "Zoë Ní Bhriain",
        "yes",
      ])
    guard case .signed = try session.run() else {
      Issue.record("the session should still complete")
      return
    }
    let text = session.transcript.text
    // The console here is not a terminal: no escape or bidi control may appear at all.
    #expect(!text.unicodeScalars.contains { Sanitiser.isUnsafe($0) && $0 != "\n" })
    #expect(session.reader.prompts.filter { $0 == "Your full name: " }.count == 2)
    let stored = try #require(try session.database.personalDetails(seq: 2))
    #expect(stored.details.parentName == "Zoë Ní Bhriain")
  }

  @Test func aTenThousandCharacterAnswerIsRefusedPlainly() throws {
    let long = String(repeating: "9", count: 10_000)
    let session = try TestSession(
      lines: ["", "", "", long, "1", "", "2", "", ""] + [
        "Zoë Ní Bhriain", "1", "Siobhán O'Neil-Smith", "1", "no", "yes", "Zoë Ní Bhriain", "yes",
      ])
    guard case .signed = try session.run() else {
      Issue.record("the session should still complete")
      return
    }
    #expect(
      session.transcript.text.contains("That is too long. Please keep it under 1000 characters."))
  }

  @Test func scenarioTextFromFilesIsSanitisedToo() throws {
    var catalog = Fixtures.catalog
    catalog.scenarios[0].situation = "Look \u{1B}[2J here"
    catalog.school.name = "School\u{202E}"
    let session = try TestSession(
      lines: Self.toQuizEnd + [
        "Zoë Ní Bhriain", "1", "Siobhán O'Neil-Smith", "1", "no", "yes", "Zoë Ní Bhriain", "yes",
      ])
    _ = try session.run(catalog: catalog)
    #expect(session.transcript.text.contains("Look \\u{1B}[2J here"))
    #expect(session.transcript.text.contains("Welcome to School\\u{202E}"))
    #expect(!session.transcript.text.unicodeScalars.contains("\u{1B}"))
  }
}
