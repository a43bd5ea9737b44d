import Foundation
import InductionCore
import TestSupport
import Testing

@Suite("Names: apostrophes and hyphens as people type them")
struct NameFoldingTests {
  static let apostrophes: [String] = [
    "\u{2019}", "\u{2018}", "\u{02BC}", "\u{2032}", "`", "\u{00B4}",
  ]
  static let hyphens: [String] = ["\u{2010}", "\u{2011}", "\u{2013}", "\u{2014}"]

  @Test(arguments: apostrophes)
  func everyApostropheMatchesTheTypewriterOne(apostrophe: String) {
    #expect(
      NameNormalisation.matchKey("seán o\(apostrophe)brien")
        == NameNormalisation.matchKey("Seán O'Brien"))
  }

  @Test(arguments: hyphens)
  func everyHyphenOrDashMatchesTheTypewriterOne(hyphen: String) {
    #expect(
      NameNormalisation.matchKey("Siobhán O'Neil\(hyphen)Smith")
        == NameNormalisation.matchKey("siobhán o'neil-smith"))
    #expect(
      NameNormalisation.childKey(name: "Ava Patel", className: "Reception \(hyphen) Blue")
        == NameNormalisation.childKey(name: "ava patel", className: "reception - blue"))
  }

  @Test func otherPunctuationStillTellsNamesApart() {
    #expect(NameNormalisation.matchKey("O'Brien") != NameNormalisation.matchKey("OBrien"))
    #expect(NameNormalisation.matchKey("O'Brien") != NameNormalisation.matchKey("O\"Brien"))
    #expect(NameNormalisation.matchKey("Neil-Smith") != NameNormalisation.matchKey("Neil Smith"))
    #expect(NameNormalisation.matchKey("Neil-Smith") != NameNormalisation.matchKey("Neil_Smith"))
  }

  @Test func aSignatureTypedWithACurlyApostropheMatchesTheName() {
    #expect(NameNormalisation.signatureMatches("máire o\u{2019}brien", name: "Máire O'Brien"))
  }

  @Test(arguments: TestEngine.available)
  func subjectAccessByTheTypewriterSpellingFindsAParentTypedWithACurlyApostrophe(
    engine: TestEngine
  ) throws {
    // Given an acknowledgement whose parent typed their name with a curly apostrophe and an en dash
    let builder = try LedgerBuilder.fresh(engine)
    let entry = try builder.sign(
      parent: "Máire O\u{2019}Brien\u{2013}Walsh", children: [("Seán O'Brien", "Year 1")],
      at: Fixtures.instant)
    // When the school searches by the name as its keyboard types it
    let report = try builder.database.subjectAccess(
      parentName: "máire o'brien-walsh", reference: nil, at: Fixtures.instant)
    // Then the record is found
    #expect(report.acknowledgements.map(\.reference) == [LedgerBuilder.shown(entry)])
  }
}
