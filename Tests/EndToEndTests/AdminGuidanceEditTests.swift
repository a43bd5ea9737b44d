import Foundation
import InductionCore
import TestSupport
import Testing

/// Editing `guidance.md` makes a new guidance version: exactly the families who signed the old one
/// must re-acknowledge, and those who sign the new one are acknowledged.
@Suite("Admin: guidance edits", .hangGuard)
struct AdminGuidanceEditTests {
  @Test func afterAnEditExactlyTheFamiliesWhoSignedBeforeMustReacknowledge() throws {
    // Given a copy of the shipped scenarios folder, and three families who signed its guidance
    let sandbox = try Sandbox()
    let scenarios = sandbox.root.appendingPathComponent("Scenarios", isDirectory: true)
    try FileManager.default.copyItem(at: BuiltBinary.scenariosDirectory, to: scenarios)
    let (original, originalText) = try LedgerBuilder.guidance(in: scenarios)
    let builder = try sandbox.seed()
    let okafor = try builder.sign(
      parent: "Amara Okafor", children: [("Tobi Okafor", "Reception (Blue)")],
      at: LedgerBuilder.utc("2026-09-02 08:15"), guidance: original, guidanceText: originalText)
    let byrne = try builder.sign(
      parent: "Liam Byrne", children: [("Niamh Byrne", "Year 1"), ("Cian Byrne", "Year 3")],
      at: LedgerBuilder.utc("2026-09-03 14:40"), guidance: original, guidanceText: originalText)
    let bhriain = try builder.sign(
      parent: "Zoë Ní Bhriain", children: [("Siobhán O'Neil-Smith", "Reception (Blue)")],
      at: LedgerBuilder.utc("2026-10-26 09:05"), guidance: original, guidanceText: originalText)
    let (o, b, z) = (
      LedgerBuilder.shown(okafor), LedgerBuilder.shown(byrne), LedgerBuilder.shown(bhriain)
    )
    let okaforRow =
      "Reception (Blue),Tobi Okafor,,%@,Amara Okafor,2026-09-02 09:15:00 +01:00,\(o),en"
    let bhriainRow =
      "Reception (Blue),Siobhán O'Neil-Smith,,%@,Zoë Ní Bhriain,2026-10-26 09:05:00 +00:00,\(z),en"
    let niamhRow = "Year 1,Niamh Byrne,,%@,Liam Byrne,2026-09-03 15:40:00 +01:00,\(b),en"
    let cianRow = "Year 3,Cian Byrne,,%@,Liam Byrne,2026-09-03 15:40:00 +01:00,\(b),en"
    func rows(_ templates: [String], _ status: String) -> [String] {
      templates.map { $0.replacingOccurrences(of: "%@", with: status) }
    }

    // When completion is exported before any edit
    // Then every child is acknowledged
    expectSameFile(
      try sandbox.exportText("completion", scenarios: scenarios),
      csvFile(Headers.completion, rows([bhriainRow, okaforRow, niamhRow, cianRow], "acknowledged")))

    // When a sentence is added to guidance.md
    let guidanceFile = scenarios.appendingPathComponent("guidance.md")
    let sentence = "Social media is a very effective option for parent communication."
    try #require(originalText.contains(sentence))
    let editedText = originalText.replacingOccurrences(
      of: sentence, with: sentence + " We also use it to share term dates and reminders.")
    try Data(editedText.utf8).write(to: guidanceFile)
    let edited = Guidance(text: editedText)
    #expect(edited.sha256 != original.sha256)

    // Then exactly the three families who signed must re-acknowledge, on both lists
    expectSameFile(
      try sandbox.exportText("completion", scenarios: scenarios),
      csvFile(
        Headers.completion, rows([bhriainRow, okaforRow, niamhRow, cianRow], "re-acknowledge")))
    expectSameFile(
      try sandbox.exportText("outstanding", scenarios: scenarios),
      csvFile(
        Headers.outstanding,
        [
          "Reception (Blue),Siobhán O'Neil-Smith,Zoë Ní Bhriain,,re-acknowledge,en",
          "Reception (Blue),Tobi Okafor,Amara Okafor,,re-acknowledge,en",
          "Year 1,Niamh Byrne,Liam Byrne,,re-acknowledge,en",
          "Year 3,Cian Byrne,Liam Byrne,,re-acknowledge,en",
        ]))
    // And their acknowledgements are superseded, on version 1
    let v1 = LedgerBuilder.version(1, original)
    let okaforAck =
      "\(o),2026-09-02 09:15:00 +01:00,Amara Okafor,parent,Tobi Okafor,Reception (Blue),\(v1),superseded,2/2,Reception,en"
    let byrneAck =
      "\(b),2026-09-03 15:40:00 +01:00,Liam Byrne,parent,Niamh Byrne; Cian Byrne,Year 1; Year 3,\(v1),superseded,2/2,Reception,en"
    let bhriainAck =
      "\(z),2026-10-26 09:05:00 +00:00,Zoë Ní Bhriain,parent,Siobhán O'Neil-Smith,Reception (Blue),\(v1),superseded,2/2,Reception,en"
    expectSameFile(
      try sandbox.exportText("acknowledgements", scenarios: scenarios),
      csvFile(Headers.acknowledgements, [okaforAck, byrneAck, bhriainAck]))

    // When a new family and Zoë sign the edited guidance
    let now = Date(timeIntervalSince1970: (Date().timeIntervalSince1970).rounded(.down))
    let shahAt = now.addingTimeInterval(60)
    let zoeAgainAt = now.addingTimeInterval(120)
    let shah = try builder.sign(
      parent: "Priya Shah", children: [("Arjun Shah", "Year 1")], at: shahAt, guidance: edited,
      guidanceText: editedText)
    let again = try builder.sign(
      parent: "Zoë Ní Bhriain", children: [("Siobhán O'Neil-Smith", "Reception (Blue)")],
      at: zoeAgainAt,
      guidance: edited, guidanceText: editedText)

    // Then they are acknowledged (Siobhán by the newer signing), and only the others re-acknowledge
    let (s, a) = (LedgerBuilder.shown(shah), LedgerBuilder.shown(again))
    expectSameFile(
      try sandbox.exportText("completion", scenarios: scenarios),
      csvFile(
        Headers.completion,
        [
          "Reception (Blue),Siobhán O'Neil-Smith,,acknowledged,Zoë Ní Bhriain,\(LedgerBuilder.london(zoeAgainAt)),\(a),en",
          okaforRow.replacingOccurrences(of: "%@", with: "re-acknowledge"),
          "Year 1,Arjun Shah,,acknowledged,Priya Shah,\(LedgerBuilder.london(shahAt)),\(s),en",
          niamhRow.replacingOccurrences(of: "%@", with: "re-acknowledge"),
          cianRow.replacingOccurrences(of: "%@", with: "re-acknowledge"),
        ]))
    expectSameFile(
      try sandbox.exportText("outstanding", scenarios: scenarios),
      csvFile(
        Headers.outstanding,
        [
          "Reception (Blue),Tobi Okafor,Amara Okafor,,re-acknowledge,en",
          "Year 1,Niamh Byrne,Liam Byrne,,re-acknowledge,en",
          "Year 3,Cian Byrne,Liam Byrne,,re-acknowledge,en",
        ]))
    // And the new signings are current, on version 2
    let v2 = LedgerBuilder.version(2, edited)
    expectSameFile(
      try sandbox.exportText("acknowledgements", scenarios: scenarios),
      csvFile(
        Headers.acknowledgements,
        [
          okaforAck, byrneAck, bhriainAck,
          "\(s),\(LedgerBuilder.london(shahAt)),Priya Shah,parent,Arjun Shah,Year 1,\(v2),current,2/2,Reception,en",
          "\(a),\(LedgerBuilder.london(zoeAgainAt)),Zoë Ní Bhriain,parent,Siobhán O'Neil-Smith,Reception (Blue),\(v2),current,2/2,Reception,en",
        ]))
    // And the ledger verifies
    #expect(try sandbox.verifiedOutput() == sandbox.verifyOK(6))
  }
}
