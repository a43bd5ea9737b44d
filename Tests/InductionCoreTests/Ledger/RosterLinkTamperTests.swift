import Foundation
import InductionCore
import TestSupport
import Testing

/// Every "acknowledged" in the completion list has a signed reason: a manual roster link is a
/// signed entry, and `verify` names a link row or a match key changed around the ledger, on both
/// engines, by someone who can write the database but holds no trusted key.
@Suite("Signed roster links, on both engines")
struct RosterLinkTamperTests {
  /// A roster of Jack (Year 1) and Lily (Year 3), and Tom's signing for "Jak Birch" (a misspelling,
  /// so Jack is outstanding until linked).
  static func world(_ engine: TestEngine) throws -> (LedgerBuilder, LedgerEntry) {
    let builder = try LedgerBuilder.fresh(engine)
    try builder.database.replaceRoster(
      [
        RosterStoreTests.row(2, "Jack Birch", "Year 1"),
        RosterStoreTests.row(3, "Lily Birch", "Year 3"),
      ],
      at: LedgerBuilder.utc("2026-09-01 08:00"))
    let entry = try builder.sign(
      parent: "Tom Birch", children: [("Jak Birch", "Year 1")],
      at: LedgerBuilder.utc("2026-09-02 08:00"), guidance: CompletionListTests.currentGuidance,
      guidanceText: CompletionListTests.currentGuidanceText)
    return (builder, entry)
  }

  /// Jack's and Lily's rows of the completion export, as `child,status` lines.
  static func statuses(_ database: AppDatabase) throws -> [String] {
    try CompletionListTests.exported(.completion, database).split(separator: "\r\n").dropFirst()
      .map { line in
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        return "\(fields[1]),\(fields[3])"
      }
  }

  static func link(_ builder: LedgerBuilder, _ entry: LedgerEntry) throws -> LedgerEntry {
    try builder.database.linkToRoster(
      reference: entry.reference, childName: "Jack Birch", className: nil, key: builder.key,
      at: LedgerBuilder.utc("2026-09-03 08:00"))
  }

  @Test(arguments: TestEngine.available)
  func aSignedLinkCountsAndVerifiesAndUnlinkingItIsSignedToo(engine: TestEngine) throws {
    let (builder, entry) = try Self.world(engine)
    #expect(
      try Self.statuses(builder.database) == ["Jack Birch,outstanding", "Lily Birch,outstanding"])
    // When Jack is linked by hand
    let link = try Self.link(builder, entry)
    // Then it is a signed entry naming the acknowledgement, which names no child
    #expect(link.kind == .rosterLink && link.subjectSeq == entry.seq)
    #expect(!link.piiCommitment.isEmpty && !link.note.contains("Jack"))
    #expect(try builder.database.verifyLedger() == VerificationReport(entryCount: 3, damage: nil))
    #expect(
      try Self.statuses(builder.database) == ["Jack Birch,acknowledged", "Lily Birch,outstanding"])
    // When the link is undone
    let unlink = try #require(
      try builder.database.unlinkFromRoster(
        reference: entry.reference, childName: "jack birch", className: nil, key: builder.key,
        at: LedgerBuilder.utc("2026-09-04 08:00")))
    // Then that is signed too, Jack is outstanding again, and the ledger verifies
    #expect(unlink.kind == .rosterUnlink && unlink.subjectSeq == link.seq)
    #expect(try builder.database.verifyLedger() == VerificationReport(entryCount: 4, damage: nil))
    #expect(
      try Self.statuses(builder.database) == ["Jack Birch,outstanding", "Lily Birch,outstanding"])
    #expect(throws: RosterLinkError.notLinked(LedgerBuilder.shown(entry))) {
      try builder.database.unlinkFromRoster(
        reference: entry.reference, childName: "Jack Birch", className: nil, key: builder.key,
        at: LedgerBuilder.utc("2026-09-04 09:00"))
    }
  }

  @Test(arguments: TestEngine.available)
  func aLinkRowAddedByHandIsNamedAndNeverSigned(engine: TestEngine) throws {
    // Given Jack outstanding, and an attacker who adds a link row for him
    let (builder, entry) = try Self.world(engine)
    _ = try Self.link(builder, entry)
    let lily = NameNormalisation.childKey(name: "Lily Birch", className: "Year 3")
    try StoreTamperTests.tamper(
      builder.database,
      "INSERT INTO roster_link (ledger_seq, match_key, linked_at) VALUES (?, ?, '2026-09-05T08:00:00.000Z')",
      [entry.seq, lily])
    // Then verify names the acknowledgement it claims
    #expect(
      try builder.database.verifyLedger().damage == LedgerDamage(seq: entry.seq, kind: .alteredLink)
    )
    // And a trusted key opening the store never signs it: the ledger already has link entries
    #expect(
      try builder.database.signEarlierRosterLinks(key: builder.key, at: Fixtures.instant) == 0)
    #expect(try builder.database.verifyLedger().damage?.kind == .alteredLink)
  }

  @Test(arguments: TestEngine.available)
  func aSignedLinkRowRepointedOrRemovedIsNamed(engine: TestEngine) throws {
    let (builder, entry) = try Self.world(engine)
    let link = try Self.link(builder, entry)
    // When its key is changed to Lily's, it is named at the link's entry
    let lily = NameNormalisation.childKey(name: "Lily Birch", className: "Year 3")
    try StoreTamperTests.tamper(
      builder.database, "UPDATE roster_link SET match_key = ? WHERE ledger_seq = ?",
      [lily, entry.seq])
    #expect(
      try builder.database.verifyLedger().damage == LedgerDamage(seq: link.seq, kind: .alteredLink))
    // And so is its name and class changed with the key to match
    try StoreTamperTests.tamper(
      builder.database,
      "UPDATE roster_link SET child_name = 'Lily Birch', class_name = 'Year 3' WHERE ledger_seq = ?",
      [entry.seq])
    #expect(
      try builder.database.verifyLedger().damage == LedgerDamage(seq: link.seq, kind: .alteredLink))
    // And when the row is removed (Jack would be chased though linked), it is named too
    try StoreTamperTests.tamper(
      builder.database, "DELETE FROM roster_link WHERE ledger_seq = ?", [entry.seq])
    #expect(
      try builder.database.verifyLedger().damage == LedgerDamage(seq: link.seq, kind: .alteredLink))
  }

  @Test(arguments: TestEngine.available)
  func anEditedMatchKeyIsNamed(engine: TestEngine) throws {
    // Given Jack outstanding, and an attacker who points the signed child's key at Jack's
    let (builder, entry) = try Self.world(engine)
    let jack = NameNormalisation.childKey(name: "Jack Birch", className: "Year 1")
    try StoreTamperTests.tamper(
      builder.database, "UPDATE acknowledged_child SET match_key = ? WHERE ledger_seq = ?",
      [jack, entry.seq])
    // Then the export would show Jack acknowledged, and verify names the entry
    #expect(try Self.statuses(builder.database).first == "Jack Birch,acknowledged")
    #expect(
      try builder.database.verifyLedger().damage
        == LedgerDamage(seq: entry.seq, kind: .alteredMatchKey))
  }

  @Test(arguments: TestEngine.available)
  func anErasedAcknowledgementTakesItsLinkWithItAndVerifies(engine: TestEngine) throws {
    let (builder, entry) = try Self.world(engine)
    _ = try Self.link(builder, entry)
    _ = try builder.database.erase(
      references: [entry.reference], key: builder.key, at: LedgerBuilder.utc("2026-09-05 08:00"))
    #expect(try builder.database.verifyLedger().damage == nil)
    #expect(
      try Self.statuses(builder.database) == ["Jack Birch,outstanding", "Lily Birch,outstanding"])
  }

  @Test(arguments: TestEngine.available)
  func aLinkMadeBeforeLinksWereSignedIsSignedOnceFromTheRosterChild(engine: TestEngine) throws {
    // Given a link stored as the version before made it (its key only), and one to a child who
    // has since left the roster
    let (builder, entry) = try Self.world(engine)
    let jack = NameNormalisation.childKey(name: "Jack Birch", className: "Year 1")
    let left = NameNormalisation.childKey(name: "Sam Left", className: "Year 6")
    for key in [jack, left] {
      try StoreTamperTests.tamper(
        builder.database,
        "INSERT INTO roster_link (ledger_seq, match_key, linked_at) VALUES (?, ?, '2026-09-03T08:00:00.000Z')",
        [entry.seq, key])
    }
    #expect(try builder.database.verifyLedger().damage?.kind == .alteredLink)
    // When a trusted key opens the store
    #expect(
      try builder.database.signEarlierRosterLinks(key: builder.key, at: Fixtures.instant) == 1)
    // Then Jack's link is signed and counts, the other (which counted for nobody) is gone
    #expect(try builder.database.verifyLedger() == VerificationReport(entryCount: 3, damage: nil))
    #expect(try Self.statuses(builder.database).first == "Jack Birch,acknowledged")
    let entries = try builder.database.ledgerEntries()
    #expect(entries.last?.kind == .rosterLink)
    #expect(entries.last?.note == "signed on upgrade: linked before links were signed")
    // And a key the ledger does not trust signs nothing
    try StoreTamperTests.tamper(
      builder.database,
      "INSERT INTO roster_link (ledger_seq, match_key, linked_at) VALUES (?, ?, '2026-09-03T08:00:00.000Z')",
      [entry.seq, NameNormalisation.childKey(name: "Lily Birch", className: "Year 3")])
    #expect(
      try builder.database.signEarlierRosterLinks(key: SigningKey.generate(), at: Fixtures.instant)
        == 0)
  }
}
