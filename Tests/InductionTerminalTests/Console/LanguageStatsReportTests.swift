import Foundation
import InductionCore
import InductionTerminal
import TestSupport
import Testing

/// `induction stats` once parents read other languages: completion and hardest scenarios per
/// language, after the figures for the whole school.
@Suite("Stats report per language")
struct LanguageStatsReportTests {
  @Test func theReportHasALineAndTheHardestScenariosForEachLanguage() throws {
    // Given one acknowledgement in English and one in Polish (whose translation has since
    // changed), each with an answer to the first scenario, and a Polish session left unsigned
    let builder = try LedgerBuilder.inMemory()
    let at = LedgerBuilder.utc
    let polish = ShownText(
      language: "pl", guidanceSHA256: Guidance(text: Fixtures.polishGuidanceText).sha256,
      statement: "Przeczytałam wskazówki.")
    try builder.sign(
      parent: "Amara Okafor", children: [("Tobi Okafor", "Nursery")], at: at("2026-09-02 09:00"),
      shown: ShownText(
        language: "en", guidanceSHA256: LedgerBuilder.fixtureGuidance.sha256,
        statement: builder.statement), shownGuidanceText: Fixtures.guidanceText,
      attempts: [
        QuizAttempt(
          scenarioID: "rule-one", choiceIndex: 0, choiceText: "Speak to the teacher.",
          isCorrect: true, isFirstTry: true, answeredAt: at("2026-09-02 08:59"))
      ])
    try builder.sign(
      parent: "Agnieszka Nowak", children: [("Zofia Nowak", "Year 1")],
      at: at("2026-09-03 09:00"), shown: polish, shownGuidanceText: Fixtures.polishGuidanceText,
      attempts: [
        QuizAttempt(
          scenarioID: "rule-one", choiceIndex: 1, choiceText: "Napisać o tym w internecie.",
          isCorrect: false, isFirstTry: true, answeredAt: at("2026-09-03 08:58"))
      ])
    _ = try builder.database.startSession(
      context: SessionContext(station: "Desk", mode: "kiosk"),
      guidance: LedgerBuilder.fixtureGuidance, guidanceText: Fixtures.guidanceText, shown: polish,
      shownGuidanceText: Fixtures.polishGuidanceText, at: at("2026-09-04 09:00"))
    let statistics = try builder.database.statistics(
      context: ExportContext(
        currentGuidance: LedgerBuilder.fixtureGuidance.sha256,
        timeZone: TimeZone(identifier: "Europe/London")!,
        currentTranslations: ["pl": String(repeating: "0", count: 64)]))

    // When it is rendered with the languages' English names
    let report = StatsReport.render(
      statistics, titles: ["rule-one": "First"], colour: false,
      languageNames: ["en": "English", "pl": "Polish"])

    // Then, after the whole school's figures, each language has its line and its scenarios
    #expect(
      report == """
        Acknowledgements: 2 (revoked: 0)
        Sessions: 3 started, 2 signed, 0 cancelled, 0 timed out, 0 started over

        Completion by class
          Nursery  ██████████████████████████████  1/1 (100%)
          Year 1   ▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒  0/1 (0%), 1 to re-acknowledge

        Scenarios, hardest first (right first time)
          50%  1/2  First
                most picked wrong answer (1×): Napisać o tym w internecie.

        Completion by language
          English (en)  1 started, 1 signed: 1 current, 0 to re-acknowledge
          Polish (pl)   2 started, 1 signed: 0 current, 1 to re-acknowledge

        Scenarios in English (en), hardest first (right first time)
          100%  1/1  First

        Scenarios in Polish (pl), hardest first (right first time)
          0%  0/1  First
                most picked wrong answer (1×): Napisać o tym w internecie.

        """)
  }

  @Test func anEnglishOnlyReportIsAsItWas() throws {
    // Given acknowledgements from before translations only
    let builder = try LedgerBuilder.inMemory()
    try builder.sign(
      parent: "Liam Byrne", children: [("Niamh Byrne", "Nursery")],
      at: LedgerBuilder.utc("2026-09-01 09:00"))
    let statistics = try builder.database.statistics(
      context: ExportContext(
        currentGuidance: LedgerBuilder.fixtureGuidance.sha256,
        timeZone: TimeZone(identifier: "Europe/London")!))
    // When it is rendered
    let report = StatsReport.render(statistics, titles: [:], colour: false)
    // Then there is no section per language
    #expect(!report.contains("language"))
    #expect(report.hasSuffix("Scenarios, hardest first (right first time)\n  (no answers yet)\n"))
  }
}
