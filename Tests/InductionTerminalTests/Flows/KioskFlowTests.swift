import Foundation
@_spi(RawStore) import InductionCore
import InductionTerminal
import TestSupport
import Testing

private let quiz = ["", "", "", "1", "", "2", "", ""]
private func parent(_ name: String, child: String) -> [LineInput] {
  (quiz + [name, "1", child, "1", "no", "yes", name, "yes", ""]).map(LineInput.line)
}
private let clearSequence = "\u{1B}[H\u{1B}[2J\u{1B}[3J"

private func withPin(_ session: TestSession, _ pin: String = "246810") throws {
  try session.database.setStaffPin(
    try PinHasher.hash(pin, parameters: .fastForTests), station: "test", at: Fixtures.instant)
}

private func staffClose(_ pin: String = "246810") -> [LineInput] {
  [":staff", .line(pin), "2"]
}

@Suite("Kiosk")
struct KioskFlowTests {
  @Test func twoParentsAreBothRecordedAndTheSecondStartsOnACleanScreenAndHistory() throws {
    let session = try TestSession(
      script: parent("Ann Able", child: "Amy Able") + parent("Bob Best", child: "Ben Best")
        + staffClose(),
      terminal: true)
    try withPin(session)
    #expect(try session.runKiosk() == .closedByStaff)
    let text = session.transcript.text
    // Parent B's welcome comes after a screen-and-scrollback clear that follows A's receipt.
    let receiptA = try #require(text.range(of: "Your reference:"))
    let welcomeB = try #require(
      text.range(of: "Welcome to Test School", range: receiptA.upperBound..<text.endIndex))
    #expect(text[receiptA.upperBound..<welcomeB.lowerBound].contains(clearSequence))
    // Nothing of A is on screen after that clear.
    let lastClearBeforeB = try #require(
      text.range(
        of: clearSequence, options: .backwards, range: receiptA.upperBound..<welcomeB.lowerBound))
    #expect(!text[lastClearBeforeB.upperBound...].contains("Ann Able"))
    #expect(session.reader.historyClears >= 2)
    let entries = try session.database.signedEntries()
    #expect(entries.count == 2)
    #expect(entries.allSatisfy { $0.station == "Desk" && $0.mode == "kiosk" })
    #expect(try session.database.sessionOutcomes() == [.signed, .signed])
    #expect(try session.database.verifyLedger() == VerificationReport(entryCount: 3, damage: nil))
  }

  @Test func noPromptBeforeTheSessionStartsHasAnIdleTimerButEveryParentPromptDoes() throws {
    let session = try TestSession(script: parent("Ann Able", child: "Amy Able") + staffClose())
    try withPin(session)
    _ = try session.runKiosk(idleTimeout: 90)
    let timers = session.reader.idleTimeouts
    #expect(timers.first == .some(nil))  // the welcome screen waits for ever
    #expect(timers.dropFirst().prefix(16).allSatisfy { $0 == 90 })
    #expect(timers[17] == nil)  // the next welcome screen
  }

  @Test func aParentWhoPicksPolskiAtTheWelcomeGetsTheIdleCountdownInPolish() throws {
    // Given a kiosk offering three languages, and a parent who types 2 (Polski) at the welcome
    let session = try TestSession(script: ["2", "", ""].map(LineInput.line) + [.idleTimeout])
    session.reader.isInteractive = false

    // When they begin and then leave the kiosk idle
    _ = try session.runKiosk(content: Fixtures.content())

    // Then every countdown after the choice is in Polish
    let polish = Phrases(language: "pl", list: ProgramStrings.list(for: "pl")!)
      .string(.idleCountdown, ["seconds": "30"])
    #expect(session.reader.countdowns.dropFirst().prefix(3).allSatisfy { $0 == polish })
    #expect(polish.hasPrefix("("))
    #expect(!polish.contains("Still there"))
  }

  @Test func anIdleSessionIsAbandonedUnsignedAndTheKioskGoesBackToWelcome() throws {
    let session = try TestSession(
      script: ["", "", "", "1", "", .idleTimeout] + parent("Bob Best", child: "Ben Best")
        + staffClose(),
      terminal: true)
    try withPin(session)
    #expect(try session.runKiosk() == .closedByStaff)
    #expect(try session.database.sessionOutcomes() == [.timedOut, .signed])
    #expect(try session.database.signedEntries().count == 1)
    let afterIdle = try #require(session.transcript.text.range(of: "[idle]"))
    let rest = session.transcript.text[afterIdle.upperBound...]
    #expect(rest.hasPrefix("\n" + clearSequence) || rest.contains(clearSequence + "Welcome"))
  }

  @Test(arguments: [3, 10, 15])
  func ctrlCAndCtrlDAnywhereNeverEndTheKiosk(at position: Int) throws {
    // Given Ctrl-D at a prompt (welcome, quiz, signature), then Ctrl-C + "yes" later in the next session
    var script = Array(parent("Ann Able", child: "Amy Able").prefix(position))
    script.append(.endOfInput)
    script += ["", "", .interrupt, "yes"]
    script += parent("Bob Best", child: "Ben Best") + staffClose()
    let session = try TestSession(script: script)
    try withPin(session)
    #expect(try session.runKiosk() == .closedByStaff)
    #expect(try session.database.signedEntries().count == 1)
    #expect(try session.database.personalDetails(seq: 2)?.details.parentName == "Bob Best")
  }

  @Test func ctrlDAtTheWelcomeScreenOfATerminalKioskJustShowsItAgain() throws {
    let session = try TestSession(
      script: [.endOfInput, .endOfInput, .interrupt, "no"] + staffClose())
    try withPin(session)
    #expect(try session.runKiosk() == .closedByStaff)
    #expect(session.transcript.text.components(separatedBy: "Welcome to Test School").count >= 4)
  }

  @Test func aTerminatingSignalEndsTheCurrentSessionUnsignedAndTheKiosk() throws {
    let session = try TestSession(script: ["", "", "", "1", "", .terminate])
    session.reader.isInteractive = false
    try withPin(session)
    #expect(try session.runKiosk() == .terminated)
    #expect(try session.database.sessionOutcomes() == [.ended])
    #expect(try session.database.signedEntries().isEmpty)
    #expect(try session.database.staffLog().map(\.action).last == "kiosk ended by signal")
  }

  @Test func theStaffMenuCountsTodaysInductionsAndCanResumeTheKiosk() throws {
    let session = try TestSession(
      script: parent("Ann Able", child: "Amy Able") + [":staff", "246810", "1"] + staffClose())
    try withPin(session)
    #expect(try session.runKiosk() == .closedByStaff)
    #expect(
      session.transcript.text.contains("Today at this station: 1 induction started, 1 signed."))
    #expect(
      try session.database.staffLog().map(\.action) == [
        "pin set", "kiosk started", "staff menu opened", "kiosk resumed", "staff menu opened",
        "kiosk exited",
      ])
  }

  @Test func thePinIsNeverShownStoredInClearOrLogged() throws {
    let directory = Fixtures.temporaryDirectory("pin")
    let database = try AppDatabase.open(at: directory.appendingPathComponent("induction.sqlite"))
    // (a wrong PIN, then the right one typed from habit where only Enter was asked for)
    let session = try TestSession(
      script: [":staff", "864209", "975318"] + staffClose("975318"), database: database)
    try withPin(session, "975318")
    #expect(try session.runKiosk() == .closedByStaff)
    #expect(!session.transcript.text.contains("864209"))
    #expect(!session.transcript.text.contains("975318"))
    #expect(session.transcript.text.contains("That PIN is not right."))
    try database.sqlite!.writer.writeWithoutTransaction { try $0.checkpoint(.truncate) }
    for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
      let bytes = try Data(contentsOf: directory.appendingPathComponent(name))
      #expect(bytes.range(of: Data("975318".utf8)) == nil, "\(name)")
      #expect(bytes.range(of: Data("864209".utf8)) == nil, "\(name)")
    }
  }

  @Test func fiveWrongPinsLockStaffOutEvenAfterARestartUntilTheLockPasses() throws {
    // Given a kiosk on a file database and a clock we move by hand
    let directory = Fixtures.temporaryDirectory("lock")
    let url = directory.appendingPathComponent("induction.sqlite")
    let clock = ManualClock()
    let wrong: [LineInput] = (0..<5).flatMap { _ -> [LineInput] in [":staff", "111111", ""] }
    let first = try TestSession(
      script: wrong, clock: clock.clock, database: try AppDatabase.open(at: url))
    try withPin(first)
    first.reader.isInteractive = false
    // When five wrong PINs are typed (the script then runs out, ending the kiosk)
    _ = try first.runKiosk()
    #expect(
      first.transcript.text.contains("Too many wrong PINs: staff access is locked for 1 minute."))
    // Then, after a restart (a new process on the same file), even the right PIN is refused
    clock.advance(30)
    let second = try TestSession(
      script: [":staff", ""], clock: clock.clock, database: try AppDatabase.open(at: url))
    second.reader.isInteractive = false
    _ = try second.runKiosk()
    #expect(
      second.transcript.text.contains(
        "Staff access is locked after too many wrong PINs. Try again in 30 seconds."))
    #expect(!second.reader.prompts.contains("Staff PIN: "))
    // And once the lock has passed, the right PIN opens the staff menu
    clock.advance(31)
    let third = try TestSession(
      script: staffClose(), clock: clock.clock, database: try AppDatabase.open(at: url))
    #expect(try third.runKiosk() == .closedByStaff)
    #expect(try third.database.staffLockout().failures == 0)
  }

  @Test func eachWrongPinAfterALockDoublesTheLock() {
    #expect(StaffLockout(failures: 4, lastFailure: Fixtures.instant).lockDuration == 0)
    #expect(StaffLockout(failures: 5, lastFailure: Fixtures.instant).lockDuration == 60)
    #expect(StaffLockout(failures: 6, lastFailure: Fixtures.instant).lockDuration == 120)
    #expect(StaffLockout(failures: 30, lastFailure: Fixtures.instant).lockDuration == 3600)
  }
}
