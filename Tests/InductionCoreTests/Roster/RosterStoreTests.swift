import Foundation
import InductionCore
import TestSupport
import Testing

/// The roster in the store: replacing it, and matching acknowledgements to it by name or by hand.
@Suite("Roster in the store")
struct RosterStoreTests {
  static func row(_ line: Int, _ child: String, _ className: String, parent: String = "A Parent")
    -> RosterRow
  {
    RosterRow(
      line: line, parentName: parent, parentEmail: nil, childName: child, className: className)
  }

  @Test(arguments: TestEngine.available) func replacingTheRosterDropsChildrenWhoLeft(
    engine: TestEngine
  ) throws {
    // Given a roster of three
    let builder = try LedgerBuilder.fresh(engine)
    try builder.database.replaceRoster(
      [
        Self.row(2, "Ava Patel", "Nursery"), Self.row(3, "Ben Jones", "Year 1"),
        Self.row(4, "Cara Singh", "Year 1"),
      ],
      at: LedgerBuilder.utc("2026-09-01 08:00"))
    #expect(try builder.database.rosterCount() == 3)
    // When it is replaced by a roster without Ben and with Dan in a new class
    try builder.database.replaceRoster(
      [
        Self.row(2, "Ava Patel", "Nursery"), Self.row(3, "Cara Singh", "Year 1"),
        Self.row(4, "Dan Evans", "Year 2"),
      ],
      at: LedgerBuilder.utc("2026-09-08 08:00"))
    // Then only the new roster is there
    #expect(try builder.database.rosterCount() == 3)
    #expect(try builder.database.classNames() == ["Nursery", "Year 1", "Year 2"])
  }

  @Test(arguments: TestEngine.available) func aMisspeltAcknowledgementIsUnmatchedUntilLinkedByHand(
    engine: TestEngine
  ) throws {
    // Given a roster, one acknowledgement that matches it (in other case and spacing), one misspelt
    // and one revoked misspelt one
    let builder = try LedgerBuilder.fresh(engine)
    try builder.database.replaceRoster(
      [
        Self.row(2, "Siobhán O'Neil-Smith", "Reception (Blue)"),
        Self.row(3, "Jack Birch", "Year 1"),
      ],
      at: LedgerBuilder.utc("2026-09-01 08:00"))
    try builder.sign(
      parent: "Zoë Ní Bhriain", children: [("siobhán  o'neil-smith", "RECEPTION (BLUE)")],
      at: LedgerBuilder.utc("2026-09-02 08:00"))
    let misspelt = try builder.sign(
      parent: "Tom Birch", children: [("Jak Birch", "Year 1")],
      at: LedgerBuilder.utc("2026-09-02 09:00"))
    let withdrawn = try builder.sign(
      parent: "Tom Birch", children: [("Jakc Birch", "Year 1")],
      at: LedgerBuilder.utc("2026-09-02 09:30"))
    try builder.revoke(withdrawn, at: LedgerBuilder.utc("2026-09-02 10:00"))

    // When the unmatched acknowledgements are listed
    // Then only the misspelt, unrevoked one is there, with the child as typed
    let unmatched = try builder.database.unmatchedAcknowledgements()
    #expect(unmatched.map(\.reference) == [misspelt.reference])
    #expect(unmatched.map(\.recordedAt) == ["2026-09-02T09:00:00.000Z"])
    #expect(
      unmatched.map(\.children) == [[PersonalDetails.Child(name: "Jak Birch", className: "Year 1")]]
    )

    // When it is linked to Jack by hand (reference typed in lower case with its hyphen)
    let typed = LedgerBuilder.shown(misspelt).lowercased()
    try builder.database.linkToRoster(
      reference: typed, childName: "jack birch", className: nil,
      key: builder.key, at: LedgerBuilder.utc("2026-09-03 08:00"))
    // Then nothing is unmatched, and linking again is refused and changes nothing
    #expect(try builder.database.unmatchedAcknowledgements() == [])
    #expect(throws: RosterLinkError.alreadyLinked(LedgerBuilder.shown(misspelt))) {
      try builder.database.linkToRoster(
        reference: typed, childName: "Jack Birch", className: "Year 1",
        key: builder.key, at: LedgerBuilder.utc("2026-09-03 08:05"))
    }
    #expect(try builder.database.unmatchedAcknowledgements() == [])
    #expect(try builder.database.verifyLedger().damage == nil)
  }

  @Test(arguments: TestEngine.available) func aLinkNeedsAKnownReferenceAndOneChild(
    engine: TestEngine
  ) throws {
    // Given two children called Sam Lee in different classes and one acknowledgement
    let builder = try LedgerBuilder.fresh(engine)
    try builder.database.replaceRoster(
      [Self.row(2, "Sam Lee", "Year 2"), Self.row(3, "Sam Lee", "Nursery")],
      at: LedgerBuilder.utc("2026-09-01 08:00"))
    let entry = try builder.sign(
      parent: "Kim Lee", children: [("Samuel Lee", "Year 2")],
      at: LedgerBuilder.utc("2026-09-02 08:00"))
    let at = LedgerBuilder.utc("2026-09-03 08:00")

    // Then an unknown reference, an unknown child and an ambiguous child are each refused
    #expect(throws: RosterLinkError.unknownReference("ZZZZ-ZZZZ")) {
      try builder.database.linkToRoster(
        reference: "ZZZZ-ZZZZ", childName: "Sam Lee", className: nil, key: builder.key, at: at)
    }
    #expect(throws: RosterLinkError.noSuchChild) {
      try builder.database.linkToRoster(
        reference: entry.reference, childName: "Sam Leigh", className: nil, key: builder.key, at: at
      )
    }
    #expect(throws: RosterLinkError.ambiguousChild(classes: ["Nursery", "Year 2"])) {
      try builder.database.linkToRoster(
        reference: entry.reference, childName: "sam lee", className: nil, key: builder.key, at: at)
    }
    // And with the class it is linked
    try builder.database.linkToRoster(
      reference: entry.reference, childName: "Sam Lee", className: "year 2", key: builder.key,
      at: at)
    #expect(try builder.database.unmatchedAcknowledgements() == [])
  }

  @Test(arguments: TestEngine.available)
  func aCurlyApostropheMatchesTheRosterAndAnUnmatchedSiblingIsStillListed(engine: TestEngine)
    throws
  {
    // Given a roster with Seán O'Brien (typewriter apostrophe) and Niamh O’Neill-Ward (curly
    // apostrophe, hyphen, as some MIS exports write it)
    let builder = try LedgerBuilder.fresh(engine)
    try builder.database.replaceRoster(
      [
        RosterRow(
          line: 2, parentName: "Máire O'Brien", parentEmail: "maire@example.test",
          childName: "Seán O'Brien", className: "Year 1"),
        RosterRow(
          line: 3, parentName: "Máire O'Brien", parentEmail: "maire@example.test",
          childName: "Aoibhe O'Brien", className: "Nursery"),
        RosterRow(
          line: 4, parentName: "Ciara O\u{2019}Neill", parentEmail: nil,
          childName: "Niamh O\u{2019}Neill-Ward", className: "Year 2"),
      ],
      at: LedgerBuilder.utc("2026-09-01 08:00"))
    // When one parent signs for `seán o’brien` (curly apostrophe) and a misspelt sibling, and
    // another for `niamh o'neill–ward` (typewriter apostrophe, en dash)
    let siblings = try builder.sign(
      parent: "Máire O\u{2019}Brien",
      children: [("seán o\u{2019}brien", "Year 1"), ("Aoife O\u{2019}Brien", "Nursery")],
      at: LedgerBuilder.utc("2026-09-02 08:00"), guidance: CompletionListTests.currentGuidance,
      guidanceText: CompletionListTests.currentGuidanceText)
    let niamh = try builder.sign(
      parent: "Ciara O'Neill", children: [("niamh o'neill\u{2013}ward", "year 2")],
      at: LedgerBuilder.utc("2026-09-02 09:00"), guidance: CompletionListTests.currentGuidance,
      guidanceText: CompletionListTests.currentGuidanceText)

    // Then Seán and Niamh are acknowledged in completion, Aoibhe outstanding
    let completion = try CompletionListTests.exported(.completion, builder.database)
    let reference = LedgerBuilder.shown(siblings)
    expectSameFile(
      completion,
      CompletionListTests.file(
        "Class,Child,Parent (roster),Status,Acknowledged by,Signed at,Reference,Language",
        [
          "Nursery,Aoibhe O'Brien,Máire O'Brien,outstanding,,,,",
          "Year 1,Seán O'Brien,Máire O'Brien,acknowledged,Máire O\u{2019}Brien,2026-09-02 09:00:00 +01:00,\(reference),en",
          "Year 2,Niamh O\u{2019}Neill-Ward,Ciara O\u{2019}Neill,acknowledged,Ciara O'Neill,2026-09-02 10:00:00 +01:00,"
            + "\(LedgerBuilder.shown(niamh)),en",
        ]))
    // And the sibling who matched nobody is listed, though Seán in the same signing matched
    let unmatched = try builder.database.unmatchedAcknowledgements()
    #expect(unmatched.map(\.reference) == [siblings.reference])
    #expect(
      unmatched.map(\.children) == [
        [PersonalDetails.Child(name: "Aoife O\u{2019}Brien", className: "Nursery")]
      ])
    // Until the sibling is linked to Aoibhe by hand
    try builder.database.linkToRoster(
      reference: siblings.reference, childName: "Aoibhe O\u{2019}Brien", className: nil,
      key: builder.key, at: LedgerBuilder.utc("2026-09-03 08:00"))
    #expect(try builder.database.unmatchedAcknowledgements() == [])
  }

  @Test(arguments: TestEngine.available)
  func twoUnmatchedChildrenNeedTwoLinks(engine: TestEngine) throws {
    // Given a signing whose two children are both misspelt
    let builder = try LedgerBuilder.fresh(engine)
    try builder.database.replaceRoster(
      [Self.row(2, "Jack Birch", "Year 1"), Self.row(3, "Lily Birch", "Year 3")],
      at: LedgerBuilder.utc("2026-09-01 08:00"))
    let entry = try builder.sign(
      parent: "Tom Birch", children: [("Jak Birch", "Year 1"), ("Lilly Birch", "Year 3")],
      at: LedgerBuilder.utc("2026-09-02 08:00"))
    let both = [
      PersonalDetails.Child(name: "Jak Birch", className: "Year 1"),
      PersonalDetails.Child(name: "Lilly Birch", className: "Year 3"),
    ]
    #expect(try builder.database.unmatchedAcknowledgements().map(\.children) == [both])
    // When one is linked, the signing is still listed; when both are, it is not
    try builder.database.linkToRoster(
      reference: entry.reference, childName: "Jack Birch", className: nil,
      key: builder.key, at: LedgerBuilder.utc("2026-09-03 08:00"))
    #expect(try builder.database.unmatchedAcknowledgements().map(\.children) == [both])
    try builder.database.linkToRoster(
      reference: entry.reference, childName: "Lily Birch", className: nil,
      key: builder.key, at: LedgerBuilder.utc("2026-09-03 08:01"))
    #expect(try builder.database.unmatchedAcknowledgements() == [])
  }
}
