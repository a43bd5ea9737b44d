import Foundation
import TestSupport
import Testing

@testable import InductionCore

/// `induction stats` figures on a database seeded through the store API: sessions that ended every
/// way, quiz answers chosen right and wrong, and a roster in every completion state.
@Suite("Statistics")
struct StatisticsTests {
  static let london = TimeZone(identifier: "Europe/London")!
  static let oldGuidance = Guidance(text: Fixtures.guidanceText)
  static let currentText = Fixtures.guidanceText + "\nWe will reply within two school days.\n"
  static let currentGuidance = Guidance(text: currentText)

  // The wrong choices, as their text is shown.
  static let ownStory = "Add your own story to back them up."
  static let defend = "Reply to defend the teacher in the group."
  static let follow = "Follow her account to keep up with the class."
  static let privateMessage = "Send her a private message about your child."
  static let postLetter = "Post the letter so other parents know."
  static let logoPage = "Use the school logo on the fundraising page."

  /// One answer: scenario, choice index in the file, its text, right or not.
  typealias Answer = (scenario: String, index: Int, text: String, correct: Bool)

  static func right(_ scenario: String) -> Answer {
    (scenario, 0, "The right route for \(scenario).", true)
  }
  static func wrong(_ scenario: String, _ index: Int, _ text: String) -> Answer {
    (scenario, index, text, false)
  }

  /// Records `answers` in order, as the quiz does while it runs, and returns them for signing; the
  /// first answer to each scenario in a session is its first try.
  @discardableResult
  static func answer(_ answers: [Answer], session: Int64, database: AppDatabase, at start: Date)
    throws -> [QuizAttempt]
  {
    var seen: Set<String> = []
    var attempts: [QuizAttempt] = []
    for (offset, answer) in answers.enumerated() {
      let isFirst = seen.insert(answer.scenario).inserted
      let attempt = QuizAttempt(
        scenarioID: answer.scenario, choiceIndex: answer.index, choiceText: answer.text,
        isCorrect: answer.correct, isFirstTry: isFirst,
        answeredAt: start.addingTimeInterval(Double(offset) * 20))
      try database.recordAttempt(attempt, session: session)
      attempts.append(attempt)
    }
    return attempts
  }

  @Test(arguments: TestEngine.available) func statisticsOnASeededDatabaseEqualTheExpectedTable(
    engine: TestEngine
  ) throws {
    // Given a roster: Nursery (3 children) and Year 1 (2 children)
    let builder = try LedgerBuilder.fresh(engine)
    let database = builder.database
    try database.registerGuidanceVersion(
      Self.oldGuidance, text: Fixtures.guidanceText, at: LedgerBuilder.utc("2026-08-01 09:00"))
    try database.registerGuidanceVersion(
      Self.currentGuidance, text: Self.currentText, at: LedgerBuilder.utc("2026-08-15 09:00"))
    try database.replaceRoster(
      [
        RosterRow(
          line: 2, parentName: "Amara Okafor", parentEmail: nil, childName: "Tobi Okafor",
          className: "Nursery"),
        RosterRow(
          line: 3, parentName: "Liam Byrne", parentEmail: nil, childName: "Niamh Byrne",
          className: "Nursery"),
        RosterRow(
          line: 4, parentName: "Priya Shah", parentEmail: nil, childName: "Arjun Shah",
          className: "Nursery"),
        RosterRow(
          line: 5, parentName: "Jo Smith", parentEmail: nil, childName: "Ruby Smith",
          className: "Year 1"),
        RosterRow(
          line: 6, parentName: "Wei Xu", parentEmail: nil, childName: "Lily Xu", className: "Year 1"
        ),
      ], at: LedgerBuilder.utc("2026-08-20 12:00"))

    // And five parents who signed, each after a quiz with these answers (the answer of a session
    // cancelled, under no signature, is not counted):
    //   rumour-in-class-chat  first tries: wrong, wrong, right, (cancelled: wrong), right  → 2 of 4
    //   teachers-instagram    first tries: right, wrong, wrong, right                    → 2 of 4
    //   complaint-outcome     first tries: right, wrong                                  → 1 of 2
    //   school-logo           first tries: right, right, right, wrong                    → 3 of 4
    //   staff-contact         first tries: right, right                                  → 2 of 2
    let day = LedgerBuilder.utc("2026-09-07 08:00")
    func signedSession(
      _ hour: Double, parent: String, child: String, className: String, guidance: Guidance,
      text: String,
      answers: [Answer]
    ) throws -> LedgerEntry {
      let at = day.addingTimeInterval(hour * 3600)
      let session = try builder.startSession(at: at, guidance: guidance, guidanceText: text)
      let attempts = try Self.answer(answers, session: session, database: database, at: at)
      return try builder.sign(
        parent: parent, children: [(child, className)], at: at.addingTimeInterval(600),
        guidance: guidance,
        guidanceText: text, session: session, attempts: attempts)
    }
    let current = (Self.currentGuidance, Self.currentText)
    // Tobi: acknowledged on the current guidance.
    _ = try signedSession(
      0, parent: "Amara Okafor", child: "Tobi Okafor", className: "Nursery", guidance: current.0,
      text: current.1,
      answers: [
        Self.wrong("rumour-in-class-chat", 1, Self.ownStory), Self.right("teachers-instagram"),
        Self.right("complaint-outcome"), Self.right("school-logo"), Self.right("staff-contact"),
        Self.right("rumour-in-class-chat"),
      ])
    // Niamh: acknowledged on the old guidance only (re-acknowledge).
    _ = try signedSession(
      1, parent: "Liam Byrne", child: "Niamh Byrne", className: "Nursery",
      guidance: Self.oldGuidance,
      text: Fixtures.guidanceText,
      answers: [
        Self.wrong("rumour-in-class-chat", 2, Self.defend),
        Self.wrong("teachers-instagram", 1, Self.follow),
        Self.right("school-logo"), Self.wrong("rumour-in-class-chat", 1, Self.ownStory),
        Self.right("teachers-instagram"), Self.right("rumour-in-class-chat"),
      ])
    // Ruby: acknowledged on the current guidance.
    _ = try signedSession(
      2, parent: "Jo Smith", child: "Ruby Smith", className: "Year 1", guidance: current.0,
      text: current.1,
      answers: [
        Self.right("rumour-in-class-chat"),
        Self.wrong("teachers-instagram", 2, Self.privateMessage),
        Self.wrong("complaint-outcome", 1, Self.postLetter), Self.right("school-logo"),
        Self.right("staff-contact"), Self.right("teachers-instagram"),
        Self.right("complaint-outcome"),
      ])
    // Lily: acknowledged, then revoked (outstanding).
    let revoked = try signedSession(
      3, parent: "Wei Xu", child: "Lily Xu", className: "Year 1", guidance: current.0,
      text: current.1,
      answers: [
        Self.right("rumour-in-class-chat"), Self.right("teachers-instagram"),
        Self.wrong("school-logo", 1, Self.logoPage), Self.right("school-logo"),
      ])
    try builder.revoke(revoked, at: day.addingTimeInterval(5 * 3600))
    // Arjun: nothing signed. His parent cancelled after one wrong answer.
    let cancelled = try builder.startSession(
      at: day.addingTimeInterval(6 * 3600), guidance: current.0, guidanceText: current.1)
    try Self.answer(
      [Self.wrong("rumour-in-class-chat", 1, Self.ownStory)], session: cancelled,
      database: database,
      at: day.addingTimeInterval(6 * 3600))
    try database.endSession(
      cancelled, outcome: .cancelled, at: day.addingTimeInterval(6 * 3600 + 120))
    // And sessions that ended every other way, without answers.
    let ways: [(SessionOutcome, Double)] = [
      (.cancelled, 7), (.timedOut, 8), (.restarted, 9), (.ended, 10),
    ]
    for (outcome, hour) in ways {
      let session = try builder.startSession(
        at: day.addingTimeInterval(hour * 3600), guidance: current.0, guidanceText: current.1)
      try database.endSession(
        session, outcome: outcome, at: day.addingTimeInterval(hour * 3600 + 60))
    }
    _ = try builder.startSession(
      at: day.addingTimeInterval(11 * 3600), guidance: current.0, guidanceText: current.1)

    // When the statistics are computed
    let statistics = try database.statistics(
      context: ExportContext(currentGuidance: Self.currentGuidance.sha256, timeZone: Self.london))

    // Then they are exactly these: totals, completion per class in class order, and scenarios worst
    // first (ties by id) with the wrong answer picked most (ties by text)
    var expected = Statistics(
      acknowledgements: 3, revoked: 1,
      sessions: [
        .signed: 4, .cancelled: 2, .timedOut: 1, .restarted: 1, .ended: 1, .inProgress: 1,
      ],
      classes: [
        .init(className: "Nursery", acknowledged: 1, reacknowledge: 1, outstanding: 1),
        .init(className: "Year 1", acknowledged: 1, reacknowledge: 0, outstanding: 1),
      ],
      scenarios: [
        .init(
          scenarioID: "complaint-outcome", asked: 2, correct: 1, commonWrongChoice: Self.postLetter,
          commonWrongCount: 1),
        .init(
          scenarioID: "rumour-in-class-chat", asked: 4, correct: 2,
          commonWrongChoice: Self.ownStory, commonWrongCount: 2),
        .init(
          scenarioID: "teachers-instagram", asked: 4, correct: 2, commonWrongChoice: Self.follow,
          commonWrongCount: 1),
        .init(
          scenarioID: "school-logo", asked: 4, correct: 3, commonWrongChoice: Self.logoPage,
          commonWrongCount: 1),
        .init(
          scenarioID: "staff-contact", asked: 2, correct: 2, commonWrongChoice: nil,
          commonWrongCount: 0),
      ])
    // And, every session and acknowledgement being from before translations, all count as English
    expected.languages = [
      .init(
        language: "en", sessionsStarted: 10, acknowledgements: 3, current: 2,
        scenarios: expected.scenarios)
    ]
    #expect(statistics == expected)
    #expect(statistics.scenarios.map(\.rate) == [0.5, 0.5, 0.5, 0.75, 1.0])
    #expect(statistics.classes.map(\.total) == [3, 2])
  }

  @Test(arguments: TestEngine.available) func anEmptyDatabaseHasEmptyStatistics(engine: TestEngine)
    throws
  {
    // Given nothing at all
    let builder = try LedgerBuilder.fresh(engine)
    // When the statistics are computed
    let statistics = try builder.database.statistics(
      context: ExportContext(currentGuidance: Self.currentGuidance.sha256, timeZone: Self.london))
    // Then every figure is zero or empty
    #expect(
      statistics
        == Statistics(acknowledgements: 0, revoked: 0, sessions: [:], classes: [], scenarios: []))
  }

  @Test(arguments: TestEngine.available) func withoutARosterEachClassCountsOnceHoweverItWasTyped(
    engine: TestEngine
  ) throws {
    // Given no roster, and acknowledgements naming two Nursery children (the class typed three ways,
    // one child named twice) and two Year 2 children (one on the old guidance)
    let builder = try LedgerBuilder.fresh(engine)
    try builder.database.registerGuidanceVersion(
      Self.oldGuidance, text: Fixtures.guidanceText, at: LedgerBuilder.utc("2026-08-01 09:00"))
    let at = LedgerBuilder.utc("2026-09-07 08:00")
    let current = (guidance: Self.currentGuidance, text: Self.currentText)
    try builder.sign(
      parent: "Amara Okafor", children: [("Tobi Okafor", "Nursery"), ("Ada Okafor", "Year 2")],
      at: at,
      guidance: current.guidance, guidanceText: current.text)
    try builder.sign(
      parent: "Amara Okafor", children: [("tobi  OKAFOR", "nursery")],
      at: at.addingTimeInterval(60),
      guidance: current.guidance, guidanceText: current.text)
    try builder.sign(
      parent: "Liam Byrne", children: [("Niamh Byrne", "Year 2")], at: at.addingTimeInterval(120))
    try builder.sign(
      parent: "Priya Shah", children: [("Arjun Shah", "NURSERY")], at: at.addingTimeInterval(180),
      guidance: current.guidance, guidanceText: current.text)

    // When the statistics are computed
    let statistics = try builder.database.statistics(
      context: ExportContext(currentGuidance: Self.currentGuidance.sha256, timeZone: Self.london))

    // Then each child counts once, and each class once (which spelling names it is not prescribed)
    #expect(statistics.acknowledgements == 4)
    #expect(statistics.sessions == [.signed: 4])
    // ("Nursery", "nursery" and "NURSERY" are one class: grouped by the normalised class key.)
    let classes = statistics.classes.map {
      [$0.className.lowercased(), "\($0.acknowledged)", "\($0.reacknowledge)", "\($0.outstanding)"]
    }
    #expect(classes == [["nursery", "2", "0", "0"], ["year 2", "1", "1", "0"]])
  }

  @Test(arguments: TestEngine.available) func onlyTheAnswersAndLanguageOfSignedSessionsAreCounted(
    engine: TestEngine
  ) throws {
    // Given one parent who signed after answering right first time
    let builder = try LedgerBuilder.fresh(engine)
    let at = LedgerBuilder.utc("2026-09-07 08:00")
    let signed = try builder.startSession(at: at)
    let attempts = try Self.answer(
      [Self.right("rumour-in-class-chat")], session: signed, database: builder.database, at: at)
    try builder.sign(
      parent: "Amara Okafor", children: [("Tobi Okafor", "Nursery")],
      at: at.addingTimeInterval(600), session: signed, attempts: attempts)
    // And a session never signed, whose answers and language no signature covers, made to say
    // that three parents reading Polish chose to spread the rumour
    let unsigned = try builder.startSession(at: at.addingTimeInterval(900))
    try Self.answer(
      [
        Self.wrong("rumour-in-class-chat", 1, Self.ownStory),
        Self.wrong("teachers-instagram", 1, Self.follow),
      ], session: unsigned, database: builder.database, at: at.addingTimeInterval(900))
    try StoreTamperTests.tamper(
      builder.database, "UPDATE session SET language = 'pl' WHERE id = ?", [unsigned])

    // When the statistics are computed
    let statistics = try builder.database.statistics(
      context: ExportContext(currentGuidance: Self.oldGuidance.sha256, timeZone: Self.london))

    // Then the hardest scenarios count only the signed session's answers, in the language signed
    let right = Statistics.ScenarioResult(
      scenarioID: "rumour-in-class-chat", asked: 1, correct: 1, commonWrongChoice: nil,
      commonWrongCount: 0)
    #expect(statistics.scenarios == [right])
    #expect(statistics.languages.map(\.language) == ["en", "pl"])
    #expect(statistics.languages.map(\.scenarios) == [[right], []])
  }
}
