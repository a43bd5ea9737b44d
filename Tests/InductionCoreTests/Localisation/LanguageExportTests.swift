import Foundation
import TestSupport
import Testing

@testable import InductionCore

/// Exports and statistics when parents read the induction in different languages: a `Language`
/// column, versions of the text each parent read, and re-acknowledgement per language.
@Suite("Exports and stats per language")
struct LanguageExportTests {
  static let london = TimeZone(identifier: "Europe/London")!
  static let polishV1 = Guidance(text: Fixtures.polishGuidanceText)
  static let polishV2Text = Fixtures.polishGuidanceText + "\nOdpowiemy w ciągu dwóch dni.\n"
  static let polishV2 = Guidance(text: polishV2Text)
  static let welsh = Guidance(text: Fixtures.welshGuidanceText)

  struct World {
    var builder: LedgerBuilder
    var old: LedgerEntry
    var english: LedgerEntry
    var polish: LedgerEntry
    var welsh: LedgerEntry
  }

  /// A roster of four, acknowledged: one before translations existed, one in English since, one in
  /// Polish and one in Welsh; each answered the first scenario (wrongly first, in Polish).
  static func world(_ engine: TestEngine) throws -> World {
    let builder = try LedgerBuilder.fresh(engine)
    try builder.database.replaceRoster(
      [
        RosterRow(
          line: 2, parentName: "Liam Byrne", parentEmail: nil, childName: "Niamh Byrne",
          className: "Nursery"),
        RosterRow(
          line: 3, parentName: "Amara Okafor", parentEmail: nil, childName: "Tobi Okafor",
          className: "Nursery"),
        RosterRow(
          line: 4, parentName: "Agnieszka Nowak", parentEmail: "a.nowak@example.test",
          childName: "Zofia Nowak", className: "Year 1"),
        RosterRow(
          line: 5, parentName: "Siân Ŵyn", parentEmail: nil, childName: "Gwenllïan Ŵyn",
          className: "Year 1"),
      ], at: LedgerBuilder.utc("2026-08-20 12:00"))
    let at = LedgerBuilder.utc
    func answer(_ text: String, _ index: Int, _ correct: Bool, _ first: Bool, _ time: String)
      -> QuizAttempt
    {
      QuizAttempt(
        scenarioID: "rule-one", choiceIndex: index, choiceText: text, isCorrect: correct,
        isFirstTry: first, answeredAt: at(time))
    }
    let old = try builder.sign(
      parent: "Liam Byrne", children: [("Niamh Byrne", "Nursery")], at: at("2026-09-01 09:00"))
    let english = try builder.sign(
      parent: "Amara Okafor", children: [("Tobi Okafor", "Nursery")], at: at("2026-09-02 09:00"),
      shown: ShownText(
        language: "en", guidanceSHA256: LedgerBuilder.fixtureGuidance.sha256,
        statement: builder.statement), shownGuidanceText: Fixtures.guidanceText,
      attempts: [answer("Speak to the teacher.", 0, true, true, "2026-09-02 08:59")])
    let polish = try builder.sign(
      parent: "Agnieszka Nowak", children: [("Zofia Nowak", "Year 1")],
      at: at("2026-09-03 09:00"),
      shown: ShownText(
        language: "pl", guidanceSHA256: polishV1.sha256, statement: "Przeczytałam wskazówki."),
      shownGuidanceText: Fixtures.polishGuidanceText,
      attempts: [
        answer("Napisać o tym w internecie.", 1, false, true, "2026-09-03 08:58"),
        answer("Porozmawiać z nauczycielem.", 0, true, false, "2026-09-03 08:59"),
      ])
    let welsh = try builder.sign(
      parent: "Siân Ŵyn", children: [("Gwenllïan Ŵyn", "Year 1")], at: at("2026-09-04 09:00"),
      shown: ShownText(
        language: "cy", guidanceSHA256: welsh.sha256, statement: "Rwyf wedi darllen y canllawiau."),
      shownGuidanceText: Fixtures.welshGuidanceText,
      attempts: [answer("Siarad â'r athro.", 0, true, true, "2026-09-04 08:59")])
    return World(builder: builder, old: old, english: english, polish: polish, welsh: welsh)
  }

  static func exported(
    _ kind: ExportKind, _ database: AppDatabase, translations: [String: String],
    current: Guidance = LedgerBuilder.fixtureGuidance
  ) throws -> String {
    let url = Fixtures.temporaryDirectory("languages").appendingPathComponent("x.csv")
    let writer = try CSVExportWriter(
      destination: .file(url, displayPath: "x.csv", overwrite: false), header: kind.header)
    _ = try database.export(
      kind, filter: ExportFilter(),
      context: ExportContext(
        currentGuidance: current.sha256, timeZone: london, currentTranslations: translations),
      into: writer)
    try writer.finish()
    return String(decoding: try Data(contentsOf: url), as: UTF8.self)
  }

  static func file(_ lines: [String]) -> String {
    "\u{FEFF}" + lines.map { $0 + "\r\n" }.joined()
  }

  @Test(arguments: TestEngine.available) func exportsShowEachParentsLanguageAndTheVersionTheyRead(
    engine: TestEngine
  ) throws {
    // Given acknowledgements in English (before and since translations), Polish and Welsh
    let world = try Self.world(engine)
    let (o, e, p, w) = (
      LedgerBuilder.shown(world.old), LedgerBuilder.shown(world.english),
      LedgerBuilder.shown(world.polish), LedgerBuilder.shown(world.welsh)
    )
    let current = ["pl": Self.polishV1.sha256, "cy": Self.welsh.sha256]
    let en1 = LedgerBuilder.version(1, LedgerBuilder.fixtureGuidance)
    // When the three lists are exported
    // Then each row says the language read (`en` for the entry from before), the acknowledgements
    // list numbers the version of the text read in that language, and all are current
    expectSameFile(
      try Self.exported(.acknowledgements, world.builder.database, translations: current),
      Self.file([
        "Reference,Signed at,Parent,Relationship,Children,Classes,Guidance version,Status,First-try score,Station,Language",
        "\(o),2026-09-01 10:00:00 +01:00,Liam Byrne,parent,Niamh Byrne,Nursery,\(en1),current,2/2,Reception,en",
        "\(e),2026-09-02 10:00:00 +01:00,Amara Okafor,parent,Tobi Okafor,Nursery,\(en1),current,2/2,Reception,en",
        "\(p),2026-09-03 10:00:00 +01:00,Agnieszka Nowak,parent,Zofia Nowak,Year 1,\(LedgerBuilder.version(1, Self.polishV1)),current,2/2,Reception,pl",
        "\(w),2026-09-04 10:00:00 +01:00,Siân Ŵyn,parent,Gwenllïan Ŵyn,Year 1,\(LedgerBuilder.version(1, Self.welsh)),current,2/2,Reception,cy",
      ]))
    expectSameFile(
      try Self.exported(.completion, world.builder.database, translations: current),
      Self.file([
        "Class,Child,Parent (roster),Status,Acknowledged by,Signed at,Reference,Language",
        "Nursery,Niamh Byrne,Liam Byrne,acknowledged,Liam Byrne,2026-09-01 10:00:00 +01:00,\(o),en",
        "Nursery,Tobi Okafor,Amara Okafor,acknowledged,Amara Okafor,2026-09-02 10:00:00 +01:00,\(e),en",
        "Year 1,Gwenllïan Ŵyn,Siân Ŵyn,acknowledged,Siân Ŵyn,2026-09-04 10:00:00 +01:00,\(w),cy",
        "Year 1,Zofia Nowak,Agnieszka Nowak,acknowledged,Agnieszka Nowak,2026-09-03 10:00:00 +01:00,\(p),pl",
      ]))
    expectSameFile(
      try Self.exported(.outstanding, world.builder.database, translations: current),
      Self.file(["Class,Child,Parent,Email,Status,Language"]))
  }

  @Test(arguments: TestEngine.available)
  func aChangedTranslationAsksOnlyThatLanguagesParentsToReacknowledge(engine: TestEngine) throws {
    // Given the same acknowledgements, and the Polish guidance since edited
    let world = try Self.world(engine)
    let current = ["pl": Self.polishV2.sha256, "cy": Self.welsh.sha256]
    // When completion and outstanding are exported
    let completion = try Self.exported(.completion, world.builder.database, translations: current)
    let outstanding = try Self.exported(.outstanding, world.builder.database, translations: current)
    // Then only the Polish reader must re-acknowledge; English and Welsh readers are acknowledged
    let statuses = completion.split(separator: "\r\n").dropFirst().map {
      $0.split(separator: ",").map(String.init)
    }.map { ($0[1], $0[3], $0[7]) }
    #expect(statuses.map(\.0) == ["Niamh Byrne", "Tobi Okafor", "Gwenllïan Ŵyn", "Zofia Nowak"])
    #expect(
      statuses.map(\.1) == ["acknowledged", "acknowledged", "acknowledged", "re-acknowledge"])
    // And the follow-up list says which language to write to them in
    expectSameFile(
      outstanding,
      Self.file([
        "Class,Child,Parent,Email,Status,Language",
        "Year 1,Zofia Nowak,Agnieszka Nowak,a.nowak@example.test,re-acknowledge,pl",
      ]))
    // And the Polish acknowledgement is superseded, the others current
    let acknowledgements = try Self.exported(
      .acknowledgements, world.builder.database, translations: current)
    #expect(
      acknowledgements.split(separator: "\r\n").dropFirst().map {
        $0.split(separator: ",")[7]
      } == ["current", "current", "superseded", "current"])
  }

  @Test(arguments: TestEngine.available) func withoutTheFolderTheNewestTranslationSeenDecides(
    engine: TestEngine
  ) throws {
    // Given the Polish guidance edited, and a Polish session started on the new text (so the
    // database has seen it), and an export that is not told the translations in force
    let world = try Self.world(engine)
    try world.builder.database.registerTranslationVersion(
      language: "pl", guidance: Self.polishV2, text: Self.polishV2Text,
      at: LedgerBuilder.utc("2026-09-10 09:00"))
    // When completion is exported
    let completion = try Self.exported(.completion, world.builder.database, translations: [:])
    // Then the Polish reader must re-acknowledge, and the acknowledgements list numbers it v1
    #expect(completion.contains("Zofia Nowak,Agnieszka Nowak,re-acknowledge,"))
    #expect(!completion.contains("Tobi Okafor,Amara Okafor,re-acknowledge"))
    let acknowledgements = try Self.exported(
      .acknowledgements, world.builder.database, translations: [:])
    #expect(
      acknowledgements.contains(
        ",Year 1,\(LedgerBuilder.version(1, Self.polishV1)),superseded,2/2,Reception,pl\r\n"))
  }

  @Test(arguments: TestEngine.available) func aChangedEnglishGuidanceAsksEveryoneToReacknowledge(
    engine: TestEngine
  ) throws {
    // Given the English guidance edited (the school's own rules): every translation was of the old
    let world = try Self.world(engine)
    let edited = Guidance(text: Fixtures.guidanceText + "\nWe reply within two days.\n")
    let current = ["pl": Self.polishV1.sha256, "cy": Self.welsh.sha256]
    // When completion is exported
    let completion = try Self.exported(
      .completion, world.builder.database, translations: current, current: edited)
    // Then every family must re-acknowledge, whatever language they read
    #expect(
      completion.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",")[3] }
        == ["re-acknowledge", "re-acknowledge", "re-acknowledge", "re-acknowledge"])
  }

  @Test(arguments: TestEngine.available) func statisticsAreGivenPerLanguage(engine: TestEngine)
    throws
  {
    // Given the four acknowledgements, the Polish translation since edited
    let world = try Self.world(engine)
    // When the statistics are computed
    let statistics = try world.builder.database.statistics(
      context: ExportContext(
        currentGuidance: LedgerBuilder.fixtureGuidance.sha256, timeZone: Self.london,
        currentTranslations: ["pl": Self.polishV2.sha256, "cy": Self.welsh.sha256]))
    // Then each language has its sessions, acknowledgements (current or to re-acknowledge) and
    // its own hardest scenarios, English first
    #expect(
      statistics.languages.map(\.language) == ["en", "cy", "pl"])
    #expect(statistics.languages.map(\.sessionsStarted) == [2, 1, 1])
    #expect(statistics.languages.map(\.acknowledgements) == [2, 1, 1])
    #expect(statistics.languages.map(\.reacknowledge) == [0, 0, 1])
    let polish = try #require(statistics.languages.last)
    #expect(
      polish.scenarios == [
        .init(
          scenarioID: "rule-one", asked: 1, correct: 0,
          commonWrongChoice: "Napisać o tym w internecie.", commonWrongCount: 1)
      ])
    #expect(
      statistics.languages[0].scenarios == [
        .init(
          scenarioID: "rule-one", asked: 1, correct: 1, commonWrongChoice: nil,
          commonWrongCount: 0)
      ])
    #expect(statistics.hasTranslations)
    // And the whole-school figures count every language together
    #expect(statistics.scenarios.map(\.asked) == [3])
  }
}
