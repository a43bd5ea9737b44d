import Foundation
import GRDB
@_spi(RawStore) import InductionCore
import TestSupport
import Testing

@Suite("Names: invisible characters")
struct NameNormalisationTests {
  static let invisible: [(String, String)] = [
    ("zero-width space", "Zo\u{200B}e"), ("zero-width non-joiner", "Zo\u{200C}e"),
    ("zero-width joiner", "Zo\u{200D}e"), ("word joiner", "Zo\u{2060}e"),
    ("soft hyphen", "Zo\u{AD}e"), ("tag letter", "Zoe\u{E0041}"),
    ("Hangul filler only", "\u{3164}"), ("Hangul choseong filler", "Zoe\u{115F}"),
    ("Hangul jungseong filler", "Zoe\u{1160}"), ("half-width Hangul filler", "Zoe\u{FFA0}"),
    ("variation selector alone", "Zoe\u{FE0F}"), ("private use", "Zoe\u{E000}"),
    ("non-character", "Zoe" + String(Unicode.Scalar(0xFDD0)!)), ("byte-order mark", "\u{FEFF}Zoe"),
    ("combining grapheme joiner", "Zo\u{34F}e"), ("braille pattern blank", "Zoe\u{2800}"),
  ]

  @Test(arguments: invisible)
  func invisibleCharactersAreFoundInNames(label: String, name: String) {
    #expect(NameNormalisation.invisibleCharacter(in: name) != nil, "\(label)")
  }

  @Test func visibleNamesInAnyScriptAreAccepted() {
    for name in [
      "Zoë Ní Bhriain", "Łukasz Wróbel", "Siân Llŵyd", "Nguyễn Thị Minh", "王小明", "مريم الأحمد",
      "O'Neil-Smith", "Zoe\u{308}", "Ana ❤\u{FE0F}", "葛\u{E0100}",
    ] {
      #expect(NameNormalisation.invisibleCharacter(in: name) == nil, "\(name)")
    }
  }

  @Test(arguments: invisible)
  func aVisibleSpellingMatchesANameStoredWithInvisibleCharacters(label: String, name: String) {
    guard name.contains(where: \.isLetter), !name.contains("\u{E000}"), !name.contains("\u{FE0F}"),
      !name.unicodeScalars.contains(where: { $0.properties.isNoncharacterCodePoint })
    else { return }
    #expect(
      NameNormalisation.matchKey(name)
        == NameNormalisation.matchKey(
          String(String.UnicodeScalarView(name.unicodeScalars.filter { $0.value < 0x80 }))),
      "\(label)")
  }

  @Test func subjectAccessByTheVisibleSpellingFindsARecordStoredWithAZeroWidthSpace() throws {
    // Given an acknowledgement whose parent name was stored, by an older version, with a
    // zero-width space in it
    let builder = try LedgerBuilder.inMemory()
    let entry = try builder.sign(
      parent: "Zoe Smith", children: [("Kit Smith", "Year 1")], at: Fixtures.instant)
    try builder.database.engine.write(isSigning: false) { db in
      try db.execute(
        sql: "UPDATE personal_details SET parent_name = ? WHERE ledger_seq = ?",
        arguments: ["Zo\u{200B}e Smith", entry.seq])
    }
    // When the school searches by the name as it looks
    let report = try builder.database.subjectAccess(
      parentName: "zoe smith", reference: nil, at: Fixtures.instant)
    // Then the record is found
    #expect(report.acknowledgements.map(\.reference) == [LedgerBuilder.shown(entry)])
  }

  @Test func aRosterRowWithAnInvisibleCharacterIsRefusedWithAPlainReason() {
    let csv = "Class,Child,Parent\nYear 1,Kit\u{200B} Smith,Zoe Smith\n"
    #expect(
      RosterParser.parse(Data(csv.utf8), displayPath: "r.csv").problems.map(\.description) == [
        "r.csv:2: child name contains an invisible character (such as a zero-width space); retype it in the spreadsheet"
      ])
  }
}
