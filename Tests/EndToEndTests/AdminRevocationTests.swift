import Foundation
import TestSupport
import Testing

/// `induction revoke REFERENCE --reason TEXT` through the built binary.
@Suite("Admin: revocation", .hangGuard)
struct AdminRevocationTests {
  @Test func aRevokedAcknowledgementShowsRevokedAndTheLedgerStillVerifies() throws {
    // Given two signed acknowledgements
    let sandbox = try Sandbox()
    let builder = try sandbox.seed()
    let (guidance, text) = try LedgerBuilder.shippedGuidance()
    let mistaken = try builder.sign(
      parent: "Amara Okafor", children: [("Tobi Okafor", "Nursery")],
      at: LedgerBuilder.utc("2026-09-01 08:00"),
      guidance: guidance, guidanceText: text, firstTryCorrect: 15, scenarioCount: 16)
    let kept = try builder.sign(
      parent: "Liam Byrne", children: [("Niamh Byrne", "Year 1")],
      at: LedgerBuilder.utc("2026-09-01 08:30"),
      station: "Office", guidance: guidance, guidanceText: text, firstTryCorrect: 16,
      scenarioCount: 16)
    let shownMistaken = LedgerBuilder.shown(mistaken)
    let shownKept = LedgerBuilder.shown(kept)

    // When the first is revoked
    let revoked = try sandbox.induction([
      "revoke", shownMistaken, "--reason", "Signed for the wrong child",
    ])

    // Then it succeeds, naming the reference and the new ledger entry
    #expect(revoked.status == 0, "\(revoked.error)")
    #expect(revoked.output == "revoked \(shownMistaken) (ledger entry 4)\n")
    #expect(revoked.error.isEmpty)
    // And the acknowledgements export shows it revoked, the other current
    let version = LedgerBuilder.version(1, guidance)
    expectSameFile(
      try sandbox.exportText("acknowledgements"),
      csvFile(
        Headers.acknowledgements,
        [
          "\(shownMistaken),2026-09-01 09:00:00 +01:00,Amara Okafor,parent,Tobi Okafor,Nursery,\(version),revoked,15/16,Reception,en",
          "\(shownKept),2026-09-01 09:30:00 +01:00,Liam Byrne,parent,Niamh Byrne,Year 1,\(version),current,16/16,Office,en",
        ]))
    // And completion shows that child outstanding
    // ("Acknowledged by", "Signed at" and "Reference" stay empty: the revoked record is withdrawn.)
    expectSameFile(
      try sandbox.exportText("completion"),
      csvFile(
        Headers.completion,
        [
          "Nursery,Tobi Okafor,,outstanding,,,,",
          "Year 1,Niamh Byrne,,acknowledged,Liam Byrne,2026-09-01 09:30:00 +01:00,\(shownKept),en",
        ]))
    expectSameFile(
      try sandbox.exportText("outstanding"),
      csvFile(Headers.outstanding, ["Nursery,Tobi Okafor,Amara Okafor,,outstanding,"]))
    // And the ledger, now three entries, verifies
    #expect(try sandbox.verifiedOutput() == sandbox.verifyOK(4))

    // When it is revoked again (typed in lower case without the hyphen)
    let again = try sandbox.induction([
      "revoke", mistaken.reference.lowercased(), "--reason", "Signed for the wrong child",
    ])
    // Then it is refused with one plain sentence and nothing is appended
    #expect(again.status == 1)
    #expect(again.output.isEmpty)
    #expect(
      again.error
        == "induction: the acknowledgement \(shownMistaken) is already revoked; nothing was changed\n"
    )
    #expect(try sandbox.verifiedOutput() == sandbox.verifyOK(4))
  }

  @Test func anUnknownReferenceOrAMissingReasonIsRefused() throws {
    // Given one signed acknowledgement
    let sandbox = try Sandbox()
    let builder = try sandbox.seed()
    let (guidance, text) = try LedgerBuilder.shippedGuidance()
    let entry = try builder.sign(
      parent: "Amara Okafor", children: [("Tobi Okafor", "Nursery")],
      at: LedgerBuilder.utc("2026-09-01 08:00"),
      guidance: guidance, guidanceText: text)

    // When a reference nobody has is revoked
    let unknown = try sandbox.induction(["revoke", "ZZZZ-ZZZZ", "--reason", "Test"])
    // Then it is refused, naming the reference
    #expect(unknown.status == 1)
    #expect(
      unknown.error
        == "induction: no acknowledgement has the reference ZZZZ-ZZZZ; check it and try again\n")

    // When the reason is only spaces
    let blank = try sandbox.induction(["revoke", LedgerBuilder.shown(entry), "--reason", "   "])
    // Then it is refused, saying what a reason must be
    #expect(blank.status == 1)
    #expect(
      blank.error
        == "induction: give a short reason with --reason (1 to 200 characters, without anyone's name)\n"
    )

    // And nothing was appended
    #expect(try sandbox.verifiedOutput() == sandbox.verifyOK(2))
  }
}
