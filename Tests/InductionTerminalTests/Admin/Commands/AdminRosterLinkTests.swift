import Foundation
@_spi(RawStore) import InductionCore
import InductionTerminal
import TestSupport
import Testing

/// `roster link` and `roster unlink` at the admin prompt sign what they do, and a completion list
/// is never written from a ledger whose links or match keys were changed around it.
@Suite("Admin roster links")
struct AdminRosterLinkTests {
  /// Jack Birch on the roster, and Tom's signing for "Jak Birch".
  static func seeded() throws -> (LedgerBuilder, LedgerEntry) {
    let builder = try LedgerBuilder.inMemory()
    try builder.database.replaceRoster(
      [
        RosterRow(
          line: 2, parentName: "Tom Birch", parentEmail: nil, childName: "Jack Birch",
          className: "Year 1")
      ], at: LedgerBuilder.utc("2026-09-01 08:00"))
    let entry = try builder.sign(
      parent: "Tom Birch", children: [("Jak Birch", "Year 1")],
      at: LedgerBuilder.utc("2026-09-02 08:00"))
    return (builder, entry)
  }

  @Test func linkingAndUnlinkingAreSignedAndTheLedgerVerifies() throws {
    let (builder, entry) = try Self.seeded()
    let reference = LedgerBuilder.shown(entry)
    let admin = try AdminTestSession(
      lines: [
        "roster link \(reference) \"Jack Birch\"", "roster unlink \(reference) \"Jack Birch\"",
        "roster unlink \(reference) \"Jack Birch\"", "verify",
      ], builder: builder)
    admin.run()
    let entries = try builder.database.ledgerEntries()
    let link = try #require(entries.first { $0.kind == .rosterLink })
    let unlink = try #require(entries.first { $0.kind == .rosterUnlink })
    #expect(
      admin.output.text.contains("linked \(reference) (signed entry \(link.displayReference))"))
    #expect(
      admin.output.text.contains("unlinked \(reference) (signed entry \(unlink.displayReference))"))
    #expect(admin.output.text.contains("ok: 4 entries"), "\(admin.output.text)")
    #expect(
      admin.errors.text.contains("has no link to a child of that name"), "\(admin.errors.text)")
  }

  @Test func aLinkRowAddedByHandStopsTheCompletionListAndNamesTheDamage() throws {
    // Given someone with the database file adds a link row that makes Jack "acknowledged"
    let (builder, entry) = try Self.seeded()
    try builder.database.engine.write(isSigning: false) { db in
      try db.execute(
        sql: """
          INSERT INTO roster_link (ledger_seq, match_key, linked_at)
          VALUES (?, ?, '2026-09-03T08:00:00.000Z')
          """,
        arguments: [entry.seq, NameNormalisation.childKey(name: "Jack Birch", className: "Year 1")])
    }
    let folder = Fixtures.temporaryDirectory("tampered-links")
    let completion = folder.appendingPathComponent("completion.csv").path
    let outstanding = folder.appendingPathComponent("outstanding.csv").path
    let acknowledgements = folder.appendingPathComponent("acknowledgements.csv").path
    let admin = try AdminTestSession(
      lines: [
        "export completion --out \"\(completion)\"", "export outstanding --out \"\(outstanding)\"",
        "export acknowledgements --out \"\(acknowledgements)\"",
      ], builder: builder)

    // When the admin exports
    admin.run()

    // Then neither list is written, each refusal naming the damage
    let errors = admin.errors.text.replacingOccurrences(of: "\n", with: " ")
    #expect(errors.contains("is damaged at seq \(entry.seq): a roster link"), "\(errors)")
    #expect(errors.contains("so the completion list was not written"), "\(errors)")
    #expect(errors.contains("so the outstanding list was not written"), "\(errors)")
    #expect(!FileManager.default.fileExists(atPath: completion))
    #expect(!FileManager.default.fileExists(atPath: outstanding))
    // And the list of signed acknowledgements, which the links do not touch, still is
    #expect(FileManager.default.fileExists(atPath: acknowledgements))
  }
}
