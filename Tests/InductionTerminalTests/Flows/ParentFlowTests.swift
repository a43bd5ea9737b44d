import Foundation
import GRDB
import InductionCore
import InductionTerminal
import TestSupport
import Testing

/// With seed 7 the fixture quiz shows the right answer as 1 in the first scenario and 2 in the second.
private let allCorrectQuiz = ["", "", "", "1", "", "2", "", ""]
private let details = [
  "Zoë Ní Bhriain", "1", "Siobhán O'Neil-Smith", "Reception (Blue)", "no", "yes",
]

@Suite("Parent flow")
struct ParentFlowTests {
  @Test func allCorrectSignsWithFullScoreAndNoSecondRound() throws {
    let session = try TestSession(lines: allCorrectQuiz + details + ["Zoë Ní Bhriain", "yes"])
    let outcome = try session.run()
    guard case .signed(let entry) = outcome else {
      Issue.record("expected signed, got \(outcome)")
      return
    }
    #expect(entry.firstTryCorrect == 2 && entry.attemptCount == 2)
    #expect(!session.transcript.text.contains("Let's look again"))
    #expect(session.transcript.text.contains("You got 2 of 2 right first time"))
    #expect(session.transcript.text.contains("Your reference: \(entry.displayReference)"))
    #expect(try session.database.entry(reference: entry.displayReference.lowercased()) == entry)
    #expect(session.reader.remaining == 0)
  }

  @Test func signatureMismatchIsAskedAgainUntilItMatches() throws {
    let session = try TestSession(
      lines: allCorrectQuiz + details + [
        "Zoe Ni Bhriain", "Someone Else", "  ZOË   NÍ BHRIAIN ", "yes",
      ])
    let outcome = try session.run()
    guard case .signed = outcome else {
      Issue.record("expected signed, got \(outcome)")
      return
    }
    let mismatches =
      session.transcript.text.components(
        separatedBy: "That does not match the name you gave."
      ).count - 1
    #expect(mismatches == 2)
    #expect(session.reader.prompts.filter { $0.hasPrefix("To sign") }.count == 3)
  }

  @Test func aSignatureWithAnInvisibleOrReorderingCharacterIsAskedForAgainAndNeverStored() throws {
    // U+202E reverses what follows; U+2067 isolates it; both would match once stripped.
    let session = try TestSession(
      lines: allCorrectQuiz + details + [
        "Zoë Ní\u{202E} Bhriain", "Zoë\u{2067} Ní Bhriain", "Zoë Ní Bhriain", "yes",
      ])
    guard case .signed(let entry) = try session.run() else {
      Issue.record("expected signed")
      return
    }
    #expect(
      session.transcript.text.components(separatedBy: "characters that cannot be used").count - 1
        == 2)
    // (wrapped at the console's 60 columns, as every text is)
    #expect(
      session.transcript.text.contains(
        "That name has characters that cannot be used (control\n"
          + "characters or hidden marks). Please type it again.\n"))
    let stored = try #require(try session.database.personalDetails(seq: entry.seq))
    #expect(stored.details.signature == "Zoë Ní Bhriain")
  }

  @Test func aSignatureInDecomposedUnicodeMatchesTheComposedName() throws {
    let decomposed = "Zoe\u{308} Ni\u{301} Bhriain"
    let session = try TestSession(lines: allCorrectQuiz + details + [decomposed, "yes"])
    guard case .signed = try session.run() else {
      Issue.record("a decomposed signature should match")
      return
    }
    #expect(!session.transcript.text.contains("does not match"))
  }

  @Test(arguments: [3, 9, 16, 17])
  func ctrlDAnywhereCancelsAndRecordsNothing(after lines: Int) throws {
    // Given a parent who presses Ctrl-D after `lines` answers (in the quiz, the details, the signature)
    let script = Array((allCorrectQuiz + details + ["Zoë Ní Bhriain"]).prefix(lines))
    let session = try TestSession(script: script.map(LineInput.line) + [.endOfInput])
    // When the flow runs
    let outcome = try session.run()
    // Then nothing is signed and no personal detail is stored
    #expect(outcome == .cancelled)
    #expect(try session.database.signedEntries().isEmpty)
    #expect(try session.database.personalDetails(seq: 2) == nil)
    #expect(try session.database.sessionOutcomes() == [.cancelled])
    #expect(session.transcript.text.hasSuffix("Cancelled. Nothing has been signed or saved.\n"))
  }

  @Test func ctrlCThenYesStartsOverWithNothingKept() throws {
    let script: [LineInput] =
      ["", "", "", "1", "", .interrupt, "yes"].map(Self.input)
      + (allCorrectQuiz + details + ["Zoë Ní Bhriain", "yes"]).map(LineInput.line)
    let session = try TestSession(script: script)
    guard case .signed(let entry) = try session.run() else {
      Issue.record("expected signed after starting over")
      return
    }
    #expect(try session.database.sessionOutcomes() == [.restarted, .signed])
    #expect(session.transcript.text.components(separatedBy: "Welcome to Test School").count == 3)
    #expect(entry.attemptCount == 2)
    #expect(session.reader.historyClears == 1)
  }

  @Test func ctrlCThenNoCarriesOnAtTheSamePrompt() throws {
    let script: [LineInput] =
      ["", "", "", .interrupt, "no"].map(Self.input)
      + (["1", "", "2", "", ""] + details + ["Zoë Ní Bhriain", "yes"]).map(LineInput.line)
    let session = try TestSession(script: script)
    guard case .signed = try session.run() else {
      Issue.record("expected signed")
      return
    }
    #expect(
      session.transcript.text.contains(
        "Start over from the beginning? Nothing will be saved. (yes/no): no\nCarrying on."))
    #expect(try session.database.sessionOutcomes() == [.signed])
  }

  @Test func helpAndGuidanceWorkAtAQuizPromptWithoutAnsweringIt() throws {
    // The guidance is read again a page at a time, then the question is shown again.
    let session = try TestSession(
      lines: ["", "", "", "help", "guidance", "", ""] + Array(allCorrectQuiz.dropFirst(3))
        + details + ["Zoë Ní Bhriain", "yes"])
    guard case .signed(let entry) = try session.run() else {
      Issue.record("expected signed")
      return
    }
    let text = session.transcript.text
    #expect(text.contains("Read the situation, then type the number next to the"))
    #expect(
      text.contains(
        "Type the number of your answer (1-3): guidance\n\nTest Guidance (1 of 2)\n======================"
          + "\n\nTalk to us first.\n\nPress Enter to read on: \n"))
    #expect(
      text.contains(
        "Press Enter to go back to where you were: \n\nQuestion 1 of 2: First\n"))
    #expect(text.components(separatedBy: "Question 1 of 2: First\n").count == 3)
    #expect(entry.attemptCount == 2)
  }

  @Test func backAtAGuidancePageShowsThePageBeforeAndNeverCountsAsEnter() throws {
    // Given a parent on the second page of the guidance, who types "back", then "back" again on
    // the first page
    let session = try TestSession(lines: ["", "", "back", "back", "", ""] + ["1"])

    // When the induction runs (and the script runs out at the first question)
    _ = try session.run()

    // Then the pages were 1, 2, 1, 1, 2 and only then the first question
    let headings = session.transcript.text.components(separatedBy: "\n").filter {
      $0.hasPrefix("Test Guidance (") || $0.hasPrefix("Question ")
    }
    #expect(
      headings == [
        "Test Guidance (1 of 2)", "Test Guidance (2 of 2)", "Test Guidance (1 of 2)",
        "Test Guidance (1 of 2)", "Test Guidance (2 of 2)", "Question 1 of 2: First",
      ])
  }

  @Test func answersMayBeLettersAndNonsenseIsAskedAgain() throws {
    let session = try TestSession(
      lines: ["", "", "", "7", "x", "A", "", "b.", "", ""] + details + ["Zoë Ní Bhriain", "yes"])
    guard case .signed(let entry) = try session.run() else {
      Issue.record("expected signed")
      return
    }
    #expect(
      session.transcript.text.components(separatedBy: "Please type a number from 1 to 3.").count
        == 3)
    #expect(entry.firstTryCorrect == 2)
  }

  @Test func answeringNoAtConfirmationSignsNothingAndAsksOnlyWhatIsToChange() throws {
    // Given a parent who says no at the last step, and changes only the child's class
    let session = try TestSession(
      lines: allCorrectQuiz + details + ["Zoë Ní Bhriain", "no", "3", "Siobhán", "Year 1", "yes"]
        + ["Zoë Ní Bhriain", "yes"])
    guard case .signed(let entry) = try session.run() else {
      Issue.record("expected signed")
      return
    }
    // Then they were asked which to change, and their name and relationship were kept
    #expect(session.transcript.text.contains("Which would you like to change?"))
    #expect(session.reader.prompts.filter { $0 == "Your full name: " }.count == 1)
    #expect(try session.database.signedEntries().count == 1)
    let signed = try #require(try session.database.personalDetails(seq: entry.seq)).details
    #expect(signed.parentName == "Zoë Ní Bhriain")
    #expect(signed.children.map(\.className) == ["Year 1"])
  }

  @Test func aSignatureThatDoesNotMatchSaysHowToChangeTheNameAndNoDoesSo() throws {
    // Given a parent who mistyped their name in the details, and cannot sign with it
    let session = try TestSession(
      lines: allCorrectQuiz + ["Zoe Ni Brian"] + details.dropFirst()
        + ["Zoë Ní Bhriain", "no", "1", "Zoë Ní Bhriain", "yes", "Zoë Ní Bhriain", "yes"])
    guard case .signed(let entry) = try session.run() else {
      Issue.record("expected signed")
      return
    }
    // Then the mismatch said how to change it, no offered the changes, and the new name signed
    #expect(
      session.transcript.text.contains(
        "That does not match the name you gave. Please type your full\nname again.\n"
          + "To change the name you gave, type no.\n"))
    #expect(session.transcript.text.contains("Which would you like to change?"))
    let signed = try #require(try session.database.personalDetails(seq: entry.seq)).details
    #expect(signed.parentName == "Zoë Ní Bhriain")
  }

  @Test func terminateSignalEndsTheSessionWithNothingSigned() throws {
    let session = try TestSession(script: ["", "", "", "1"].map(LineInput.line) + [.terminate])
    #expect(try session.run() == .terminated)
    #expect(try session.database.signedEntries().isEmpty)
    #expect(try session.database.sessionOutcomes() == [.ended])
  }

  @Test func severalChildrenAreAllRecordedInOrderInClassesFromTheSchoolsList() throws {
    // "Nursery" is not one of the school's classes; "reception" names the one Reception.
    let session = try TestSession(
      lines: allCorrectQuiz + [
        "Sam Carer", "4", "0123", "Grandparent", "Ann One", "2", "yes", "Bob Two", "Nursery",
        "reception",
        "no", "yes", "sam carer", "yes",
      ])
    guard case .signed(let entry) = try session.run() else {
      Issue.record("expected signed")
      return
    }
    let stored = try #require(try session.database.personalDetails(seq: entry.seq))
    #expect(stored.details.relationship == "Grandparent")
    // A relationship is not a name: a number is refused as such
    #expect(
      session.transcript.text.contains(
        "Please say how (for example grandparent): 0123\n"
          + "Please say in words how you are related, for example\ngrandparent.\n"))
    #expect(
      stored.details.children == [
        .init(name: "Ann One", className: "Year 1"),
        .init(name: "Bob Two", className: "Reception (Blue)"),
      ])
    #expect(
      session.transcript.text.contains(
        "Child 2, class (number or name): Nursery\n"
          + "That class is not on the school's list. Please type its\nnumber from the list.\n"
          + "Classes:\n  1. Reception (Blue)\n  2. Year 1\n"))
  }

  static func input(_ value: LineInput) -> LineInput { value }
}

extension LineInput: ExpressibleByStringLiteral {
  public init(stringLiteral value: String) { self = .line(value) }
}

@Suite("Saving when the database is held by someone else")
struct BusyDatabaseTests {
  @Test(arguments: ["en", "pl"])
  func aParentIsToldPlainlyNothingIsClaimedAndTheRetryKeepsWhatTheyTyped(language: String) throws {
    // Given a file database whose write lock another connection holds past our busy timeout
    let url = Fixtures.temporaryDirectory("busy").appendingPathComponent("induction.sqlite")
    let database = try AppDatabase.open(at: url, busyTimeout: 0.2)
    let blocker = try DatabaseQueue(path: url.path)
    let held = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    let phrases = Phrases(language: language, list: ProgramStrings.list(for: language)!)
    let yes = phrases.word(.answerYes)
    let script =
      allCorrectQuiz + [
        "Zoë Ní Bhriain", "1", "Siobhán O'Neil-Smith", "1", phrases.word(.answerNo),
      ]
      + [yes, "Zoë Ní Bhriain", yes, ""]
    let session = try TestSession(script: script.map(LineInput.line), database: database)
    let confirmPrompt = String(phrases.string(.signConfirmPrompt).prefix(12))
    let retryPrompt = phrases.string(.storeRetryPrompt)
    var locked = false
    var lockTaken = false
    session.reader.onPrompt = { prompt in
      // Only once: the confirmation is asked again after the retry, and a second blocker would
      // wait behind the first for ever.
      if prompt.hasPrefix(confirmPrompt) && !lockTaken {
        lockTaken = true
        // Take the lock just before the parent confirms, on another thread, as another process would.
        DispatchQueue.global().async {
          try! blocker.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            held.signal()
            release.wait()
            try db.execute(sql: "ROLLBACK")
          }
          held.signal()
        }
        held.wait()
        locked = true
      } else if prompt == retryPrompt && locked {
        release.signal()
        held.wait()
        locked = false
      }
    }
    // When the parent signs
    guard case .signed(let entry) = try session.run(content: Fixtures.content(), language: language)
    else {
      Issue.record("expected the retry to sign")
      return
    }
    // Then they were told plainly, not thanked before it was saved, and the retry saved their
    // details; the store's own (English) sentence is shown only to an English reader
    let text = session.transcript.text.replacingOccurrences(of: "\n", with: " ")
    let failure = try #require(text.range(of: phrases.string(.storeCannotSave).prefix(30)))
    let thanks = try #require(text.range(of: phrases.string(.receiptSaved)))
    #expect(failure.upperBound < thanks.lowerBound)
    #expect(text.components(separatedBy: phrases.string(.receiptSaved)).count == 2)
    #expect(
      text.contains("is busy (another program is holding it); try again") == (language == "en"))
    #expect(
      session.reader.prompts.filter { $0 == phrases.string(.detailsNamePrompt) }.count == 1)
    #expect(try database.personalDetails(seq: entry.seq)?.details.parentName == "Zoë Ní Bhriain")
    #expect(try database.verifyLedger() == VerificationReport(entryCount: 2, damage: nil))
  }
}
