import Foundation
import InductionCore
import InductionTerminal
import TestSupport
import Testing

@Suite("Parent flow transcripts")
struct ParentFlowTranscriptTests {
  /// The script that answers the second scenario wrongly first (seed 7 shows "Ask the office." second).
  static let wrongThenRight = [
    "", "", "", "1", "", "1", "", "1", "", "", "Zoë Ní Bhriain", "1", "Siobhán O'Neil-Smith", "1",
    "no", "yes", "zoë  ní bhriain", "yes",
  ]

  @Test func wrongThenRightTranscriptIsExactAndTheScenarioComesBack() throws {
    // Given a parent who answers the second scenario wrongly, then rightly when it comes back
    let session = try TestSession(lines: Self.wrongThenRight)

    // When the induction runs
    let outcome = try session.run()

    // Then the whole screen is exactly as expected
    #expect(session.transcript.text == "\n" + Self.expectedTranscript)
    guard case .signed(let entry) = outcome else {
      Issue.record("expected a signed outcome, got \(outcome)")
      return
    }
    // And the first-try score counts only first answers
    #expect(entry.firstTryCorrect == 1)
    #expect(entry.scenarioCount == 2)
    #expect(entry.attemptCount == 3)
    let attempts = try session.database.quizAttempts()
    #expect(attempts.map(\.scenarioID) == ["rule-one", "rule-two", "rule-two"])
    #expect(attempts.map(\.isCorrect) == [true, false, true])
    #expect(attempts.map(\.isFirstTry) == [true, true, false])
    #expect(try session.database.sessionOutcomes() == [.signed])
    #expect(try session.database.verifyLedger() == VerificationReport(entryCount: 2, damage: nil))
    let stored = try #require(try session.database.personalDetails(seq: 2))
    #expect(stored.details.parentName == "Zoë Ní Bhriain")
    #expect(stored.details.signature == "zoë ní bhriain")
    #expect(
      stored.details.children == [
        PersonalDetails.Child(name: "Siobhán O'Neil-Smith", className: "Reception (Blue)")
      ])
  }

  static let expectedTranscript = """
    Welcome to Test School
    ======================

    This short induction takes about ten minutes. You will:
      • read the school's guidance on social media,
      • answer 2 short questions about everyday situations,
      • sign to say you have read and understood it.

    At any question you can type "help", or "guidance" to read
    the guidance again.

    Press Enter to begin:\u{20}

    Test Guidance (1 of 2)
    ======================

    Talk to us first.

    Press Enter to read on:\u{20}

    Test Guidance (2 of 2)
    ======================

    These examples must be avoided:

      • Rule one.
      • Rule two.

    Press Enter to start the questions:\u{20}

    Question 1 of 2: First
    ======================

    Something happens.

    What do you do?
      1. Speak to the teacher.
      2. Message the teacher online.
      3. Post about it.

    Type the number of your answer (1-3): 1

    ✓ That's right.
    Right: staff can help.

    Press Enter to continue:\u{20}

    Question 2 of 2: Second
    =======================

    Something else happens.

    And now?
      1. Start a group chat.
      2. Ask the office.
      3. Use the school logo.

    Type the number of your answer (1-3): 1

    ✗ Not quite.
    Groups can turn on people.
    We will come back to this one at the end.

    Press Enter to continue:\u{20}

    Let's look again
    ================
    You have 1 question to try again. Take your time and read
    the situation once more.


    Question 2 of 2, again: Second
    ==============================

    Something else happens.

    And now?
      1. Ask the office.
      2. Start a group chat.
      3. Use the school logo.

    Type the number of your answer (1-3): 1

    ✓ That's right.
    Yes, that is the route.

    Press Enter to continue:\u{20}

    Well done
    =========

    You got 1 of 2 right first time, and every one right in the
    end.

    Press Enter to continue:\u{20}

    About you and your children
    ===========================

    Your full name: Zoë Ní Bhriain
    How are you related to the child or children?
      1. Parent
      2. Carer
      3. Guardian
      4. Other
    Type a number (1-4): 1
    Child 1, full name: Siobhán O'Neil-Smith
    Classes:
      1. Reception (Blue)
      2. Year 1
    Child 1, class (number or name): 1
    Do you have another child at the school to add? (yes/no): no

    Please check these details:
      You: Zoë Ní Bhriain (parent)
      Child: Siobhán O'Neil-Smith, Reception (Blue)

    Is this right? (yes/no): yes

    Your acknowledgement
    ====================

    I have read the guidance.

    To sign, type your full name as you gave it: zoë  ní bhriain

    Type yes to sign and save, or no to change your details: yes

    Thank you
    =========

    Your acknowledgement is signed and saved.

      Your reference: CGWY-N95V
      Signed: 26 November 2026 at 09:00

    Please write the reference down or take a photo of it. The
    office can use it to find your acknowledgement.


    """
}
