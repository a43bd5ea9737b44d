import Foundation
import InductionCore
import TestSupport
import Testing

/// Drives the one induction without any front end: typed inputs in, typed screens out.
private struct Driver {
  let database: AppDatabase
  var services: InductionServices
  /// Whether the state is written as JSON and read back between steps, as a web session's is.
  let roundTrip: Bool

  init(
    content: SchoolContent = SchoolContent(
      catalog: Fixtures.catalog, guidanceText: Fixtures.guidanceText),
    staffWord: String? = nil, roundTrip: Bool = false
  ) throws {
    database = try TestEngine.default.makeDatabase()
    try database.registerSigningKey(Fixtures.signingKey, keyPath: "test-key", at: Fixtures.instant)
    services = InductionServices(
      content: content, context: SessionContext(station: "Test", mode: "start"),
      staffWord: staffWord, store: database, clock: .fixed(Fixtures.instant),
      random: .seeded(7), signingKey: Fixtures.signingKey,
      makeSalt: { Array(repeating: 0xA5, count: 16) })
    self.roundTrip = roundTrip
  }

  /// Every output of `start()` and of each input, in order.
  func run(_ inputs: [InductionInput], language: String? = nil) throws -> [InductionOutput] {
    var induction = Induction(services: services, language: language)
    var outputs = induction.start()
    for input in inputs {
      if roundTrip {
        let json = try JSONEncoder().encode(induction.state)
        let state = try JSONDecoder().decode(InductionState.self, from: json)
        #expect(state == induction.state)
        induction = Induction(services: services, state: state)
      }
      outputs += try induction.step(input)
    }
    return outputs
  }
}

private let wrongThenRight: [InductionInput] = [
  "", "", "", "1", "", "1", "", "1", "", "", "Zoë Ní Bhriain", "1", "Siobhán O'Neil-Smith", "1",
  "no", "yes", "zoë  ní bhriain", "yes",
].map(InductionInput.text)

/// Right answers, then a parent and one child's name, up to the class prompt.
private let toClassPrompt: [InductionInput] = [
  "", "", "", "1", "", "2", "", "", "Zoë Ní Bhriain", "1", "Siobhan",
].map(InductionInput.text)

private func screens(_ outputs: [InductionOutput]) -> [InductionScreen] {
  outputs.compactMap { if case .show(let screen) = $0 { screen } else { nil } }
}

private func end(_ outputs: [InductionOutput]) -> InductionEnd? {
  outputs.compactMap { if case .end(let end) = $0 { end } else { nil } }.last
}

@Suite("The induction, without a front end")
struct InductionTests {
  @Test func aWholeInductionIsTheseScreensInThisOrder() throws {
    // Given the fixture content and a parent who answers the second scenario wrongly first
    let driver = try Driver()

    // When the induction takes the same inputs as the terminal transcript test
    let outputs = try driver.run(wrongThenRight)

    // Then it shows exactly these screens and signs once
    let shown = screens(outputs).map { screen -> String in
      switch screen {
      case .welcome: "welcome"
      case .guidancePage(let index, let count): "guidance \(index + 1)/\(count)"
      case .question(let question):
        "question \(question.number)\(question.isRetry ? " again" : "") \(question.scenario.id)"
      case .feedback(let correct, _): correct ? "right" : "wrong"
      case .retriesIntro(let count): "look again \(count)"
      case .summary(let correct, let total): "summary \(correct)/\(total)"
      case .details(let kept): "details\(kept ? " kept" : "")"
      case .relationships: "relationships"
      case .classes(let labels): "classes \(labels.count)"
      case .check(let details): "check \(details.name) \(details.relationship)"
      case .statement: "statement"
      case .receipt: "receipt"
      default: "\(screen)"
      }
    }
    #expect(
      shown == [
        "welcome", "guidance 1/2", "guidance 2/2", "question 1 rule-one", "right",
        "question 2 rule-two", "wrong", "look again 1", "question 2 again rule-two", "right",
        "summary 1/2", "details", "relationships", "classes 2", "check Zoë Ní Bhriain parent",
        "statement", "receipt",
      ])
    guard case .signed(let entry) = end(outputs) else {
      Issue.record("expected a signing, got \(String(describing: end(outputs)))")
      return
    }
    #expect(entry.firstTryCorrect == 1 && entry.attemptCount == 3)
    #expect(try driver.database.sessionOutcomes() == [.signed])
    #expect(try driver.database.verifyLedger() == VerificationReport(entryCount: 2, damage: nil))
  }

  @Test func itsStateCanWaitAsJSONBetweenEveryStepAndSignsTheSameEntry() throws {
    // Given two inductions, one kept in memory and one written out and read back at every step
    let kept = try Driver().run(wrongThenRight)
    let travelled = try Driver(roundTrip: true).run(wrongThenRight)

    // Then both show and ask exactly the same, and sign the same entry
    #expect(travelled == kept)
    guard case .signed(let a) = end(kept), case .signed(let b) = end(travelled) else {
      Issue.record("expected both to sign")
      return
    }
    #expect(a.entryHash == b.entryHash)
  }

  @Test func nothingIsSignedUntilConfirmedAndEveryEarlyEndRecordsItsOutcome() throws {
    // Given parents who stop at the confirmation in three different ways
    let upToConfirmation = Array(wrongThenRight.dropLast())
    let cases: [(InductionInput, InductionEnd, SessionOutcome, InductionNotice?)] = [
      (.endOfInput, .cancelled, .cancelled, .cancelled),
      (.terminate, .terminated, .ended, .closed),
      (.idleTimeout, .timedOut, .timedOut, nil),
    ]
    for (input, expectedEnd, outcome, notice) in cases {
      let driver = try Driver()

      // When the last input is not "yes"
      let outputs = try driver.run(upToConfirmation + [input])

      // Then nothing is in the ledger but its genesis, and the session says how it ended
      #expect(end(outputs) == expectedEnd)
      #expect(try driver.database.verifyLedger().entryCount == 1)
      #expect(try driver.database.sessionOutcomes() == [outcome])
      if let notice { #expect(outputs.contains(.notice(notice))) }
    }
  }

  @Test func commandsWorkAtEveryQuestionWithoutAnsweringIt() throws {
    // Given a parent at the first scenario
    let driver = try Driver()
    let toQuestion: [InductionInput] = [.text(""), .text(""), .text("")]

    // When they ask for help, read the guidance again (a page at a time), ask to start over (then
    // think better of it) and type nonsense
    let outputs = try driver.run(
      toQuestion + [
        .command(.help), .text("GUIDANCE"), .text(""), .text(""), .interrupt, .text("no"),
        .text("9"),
      ])

    // Then each is answered and the same question asked again, shown again after the guidance
    let question = screens(outputs)[3]
    let afterQuestion = Array(outputs.drop { $0 != .show(question) }.dropFirst())
    let quizPrompt = InductionPrompt(
      .quizPrompt, ["count": "3"], help: .quizHelp, field: .choice(count: 3))
    #expect(
      afterQuestion == [
        .ask(quizPrompt),
        .notice(.help(.quizHelp, offersLanguages: false)), .ask(quizPrompt),
        .show(.guidancePage(index: 0, count: 2)),
        .ask(InductionPrompt(.guidanceReadOn, help: .guidanceHelp)),
        .show(.guidancePage(index: 1, count: 2)),
        .ask(InductionPrompt(.guidanceBackPrompt, help: .guidanceHelp)),
        .show(question), .ask(quizPrompt),
        .notice(.gap), .ask(InductionPrompt(.restartPrompt, help: nil, field: .confirm)),
        .notice(.line(.restartCarryOn, [:])), .ask(quizPrompt),
        .notice(.line(.quizInvalid, ["count": "3"])), .ask(quizPrompt),
      ])
  }

  @Test func aChangeOfLanguageIsAskedFirstThenKeepsTheDetailsAndStartsTheQuestionsAgain() throws {
    // Given a parent who has typed their name at the end, then asks for Polish
    let driver = try Driver(content: Fixtures.content())
    let toName: [InductionInput] = ["", "", "", "1", "", "2", "", "", "Zoë Ní Bhriain"].map(
      InductionInput.text)
    let relationshipPrompt = InductionPrompt(
      .relationshipPrompt, ["count": "4"], help: .relationshipHelp, field: .option(count: 4),
      offersLanguages: true)

    // When they are warned that the questions start again and say no
    let keptOn = try driver.run(toName + [.text("language"), .text("2"), .text("no")])

    // Then nothing changes: the same question, the same session
    #expect(
      Array(keptOn.suffix(4)) == [
        .notice(.languageRestart(language: "Polski")),
        .ask(InductionPrompt(.languageConfirmPrompt, help: nil, field: .confirm)),
        .notice(.line(.restartCarryOn, [:])), .ask(relationshipPrompt),
      ])
    #expect(try driver.database.sessionOutcomes() == [SessionOutcome.inProgress])

    // And when another parent says yes, the guidance starts again in Polish, and the old session
    // is closed as restarted
    let again = try Driver(content: Fixtures.content())
    let switched = try again.run(toName + [.text("language"), .text("2"), .text("yes")])
    #expect(try again.database.sessionOutcomes() == [SessionOutcome.restarted, .inProgress])
    #expect(screens(switched).last == .guidancePage(index: 0, count: 2))
  }

  @Test func theClassIsOneFromTheListFoldedAsPeopleTypeItAndNeverStoredAsTyped() throws {
    let choice = ClassChoice(
      classes: ["Reception (Blue)", "Reception (Green)", "Year 1", "Year 2", "Year 12"],
      aliases: ["Year 2": ["Klasa 2"], "Reception (Blue)": ["Zerówka (niebieska)"]])
    #expect(choice.match("year2") == .one("Year 2"))
    #expect(choice.match("Y2") == .one("Year 2"))
    #expect(choice.match(" YEAR  2 ") == .one("Year 2"))
    #expect(choice.match("klasa 2") == .one("Year 2"))
    #expect(choice.match("y12") == .one("Year 12"))
    #expect(choice.match("4") == .one("Year 2"))
    #expect(choice.match("zerowka") == .one("Reception (Blue)"))
    #expect(choice.match("Reception") == .several(["Reception (Blue)", "Reception (Green)"]))
    #expect(choice.match("reception green") == .one("Reception (Green)"))
    #expect(choice.match("green") == .one("Reception (Green)"))
    #expect(choice.match(" BLUE ") == .one("Reception (Blue)"))
    #expect(choice.match("gre") == .one("Reception (Green)"))
    #expect(choice.match("niebieska") == .one("Reception (Blue)"))
    #expect(choice.match("green 2") == .none)
    #expect(choice.match("Klasa 9") == .none)
    #expect(choice.match("9") == .none)
    #expect(choice.match("Nursery") == .none)
    #expect(choice.match("?!") == .none)
  }

  @Test func theWordThatTellsAClassApartIsEnoughAtTheClassPrompt() throws {
    // Given a parent at the class prompt for their child
    let driver = try Driver()

    // When they type only the colour of the class, and say no to another child
    let outputs = try driver.run(toClassPrompt + ["blue", "no"].map(InductionInput.text))

    // Then that class is taken, with the list shown only once, and the check shows its name
    #expect(screens(outputs).filter { if case .classes = $0 { true } else { false } }.count == 1)
    let checks = screens(outputs).compactMap { if case .check(let d) = $0 { d } else { nil } }
    #expect(
      checks.last
        == DetailsShown(
          name: "Zoë Ní Bhriain", relationship: "parent",
          children: [.init(name: "Siobhan", classLabel: "Reception (Blue)")]))
  }

  @Test func noAtTheCheckChangesOneFieldAndKeepsTheRest() throws {
    // Given a parent at "Is this right?" with one child
    let driver = try Driver()
    let toCheck = toClassPrompt + ["1", "no"].map(InductionInput.text)

    // When they say no, pick the child, and type the name and class again
    let outputs = try driver.run(
      toCheck + ["no", "3", "Siobhán O'Neil-Smith", "Y1", "yes"].map(InductionInput.text))

    // Then they are offered each field, only the child is asked again, and the check shows it
    #expect(
      screens(outputs).contains(
        .changeChoices([
          "Your name: Zoë Ní Bhriain", "How you are related: parent",
          "Child 1: Siobhan, Reception (Blue)", "Add another child", "Start the details again",
        ])))
    #expect(
      screens(outputs).last
        == .statement("I have read the guidance."))
    let checks = screens(outputs).compactMap { if case .check(let d) = $0 { d } else { nil } }
    #expect(
      checks.last
        == DetailsShown(
          name: "Zoë Ní Bhriain", relationship: "parent",
          children: [.init(name: "Siobhán O'Neil-Smith", classLabel: "Year 1")]))
  }

  @Test func theSameChildTypedAgainIsSaidAndTheCheckShowsTheListToChange() throws {
    // Given a parent who gave Siobhan in Reception (Blue) and said there is another child
    let driver = try Driver()
    let another = toClassPrompt + ["1", "yes"].map(InductionInput.text)

    // When they type her name again (as they wrote it the first time, or not quite)
    for typed in ["Siobhan", "SIOBHÁN"] {
      let outputs = try driver.run(another + [.text(typed)])

      // Then they are told she is on the list, and the check shows her once
      #expect(outputs.contains(.notice(.line(.detailsChildRepeated, ["name": typed]))))
      #expect(
        screens(outputs).last
          == .check(
            DetailsShown(
              name: "Zoë Ní Bhriain", relationship: "parent",
              children: [.init(name: "Siobhan", classLabel: "Reception (Blue)")])))
    }
  }

  @Test func aBlankRelationshipIsAskedForInWordsNotAsAName() throws {
    // Given a parent who chose "Other" as how they are related
    let driver = try Driver()
    let toOther = Array(toClassPrompt.prefix(9)) + [.text("4")]

    // When they press Enter without saying how
    let outputs = try driver.run(toOther + [.text("")])

    // Then they are asked to say it in words, not to type a name
    #expect(outputs.contains(.notice(.line(.relationshipOtherNoLetter, [:]))))
    #expect(!outputs.contains(.notice(.line(.nameEmpty, [:]))))
  }

  @Test func aReferenceTypedAtTheWelcomeIsUsedForWhatChanged() throws {
    // Given a parent who signed, then the guidance changed
    let first = try Driver()
    guard case .signed(let entry) = end(try first.run(wrongThenRight)) else {
      Issue.record("expected a signing")
      return
    }
    let changedText = Fixtures.guidanceText.replacingOccurrences(
      of: "- Rule two.", with: "- Rule two.\n- Rule three.")
    var catalog = Fixtures.catalog
    catalog.guidance = Guidance(text: changedText)
    let content = SchoolContent(catalog: catalog, guidanceText: changedText)
    var services = first.services
    services.content = content

    // When they come back and type their reference at the welcome
    var induction = Induction(services: services)
    _ = induction.start()
    let outputs = try induction.step(.text(entry.displayReference.lowercased()))

    // Then the changes are shown straight away, without asking for it again
    #expect(
      outputs.prefix(3) == [
        .show(.changesIntro), .show(.changes(.changed(added: ["Rule three."], removed: []))),
        .ask(InductionPrompt(.changesReadPrompt, help: .changesReadHelp)),
      ])
  }

  @Test func ctrlDAfterAMinutesWorkAsksBeforeLeavingAndASecondOneLeaves() throws {
    // Given a parent one minute and a second into the questions
    let clock = ManualClock()
    var driver = try Driver()
    driver.services.clock = clock.clock
    var induction = Induction(services: driver.services)
    _ = induction.start()
    _ = try induction.step(.text(""))
    clock.advance(61)

    // When they press Ctrl-D, say no, then press it twice
    let asked = try induction.step(.endOfInput)
    let keptOn = try induction.step(.text("no"))
    _ = try induction.step(.endOfInput)
    let left = try induction.step(.endOfInput)

    // Then they were asked first, carried on, and left only when sure
    #expect(
      asked == [
        .notice(.gap), .ask(InductionPrompt(.leavePrompt, help: nil, field: .confirm)),
      ])
    #expect(keptOn.first == .notice(.line(.restartCarryOn, [:])))
    #expect(end(left) == .cancelled)
    #expect(try driver.database.sessionOutcomes() == [.cancelled])
  }

  @Test func theStaffWordAtTheWelcomeEndsWithoutASession() throws {
    let driver = try Driver(staffWord: ":staff")
    let outputs = try driver.run([.text(":staff")])
    #expect(end(outputs) == .staffRequested)
    #expect(try driver.database.sessionOutcomes() == [])
  }
}
