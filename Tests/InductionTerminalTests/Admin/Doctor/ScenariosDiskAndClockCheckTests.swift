import Foundation
import InductionCore
import InductionTerminal
import TestSupport
import Testing

@Suite("Doctor: scenarios, disk space and clock")
struct ScenariosDiskAndClockCheckTests {
  @Test func theShippedScenariosAreOK() throws {
    let path = Fixtures.repositoryRoot.appendingPathComponent("Scenarios").path
    let (finding, school) = ScenariosCheck.check(path)
    #expect(
      finding
        == .ok("scenarios \(path): 16 scenarios cover all 8 prohibited examples (en, cy, pl)"))
    #expect(school?.timeZone.identifier == "Europe/London")
  }

  @Test func aFolderThatFailsLintSaysHowToSeeItsProblems() {
    // Given a valid folder with one scenario's correct answer removed
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    folder.write("guidance.md", "not the guidance")
    // When it is checked
    let (finding, school) = ScenariosCheck.check(folder.url.path)
    // Then the fix is the lint that lists them
    #expect(finding.isProblem)
    #expect(finding.text.hasPrefix("scenarios \(folder.url.path) fail lint ("))
    #expect(finding.fix == "see them with: induction scenarios lint \(folder.url.path)")
    #expect(school == nil)
  }

  @Test func noScenariosFolderSaysWhereTheShippedOnesAre() {
    let path = Fixtures.temporaryDirectory("doctor").appendingPathComponent("Scenarios").path
    #expect(
      ScenariosCheck.check(path).0
        == .problem(
          "no scenarios folder at \(path)",
          fix:
            "pass it with --scenarios DIR, or copy the shipped one: cp -r /usr/share/induction/Scenarios \(path)"
        ))
  }

  @Test func tooLittleFreeSpaceIsAProblem() {
    let folder = Fixtures.temporaryDirectory("doctor")
    #expect(!DiskSpaceCheck.check(folder.path, minimum: 0).isProblem)
    let full = DiskSpaceCheck.check(folder.path, minimum: UInt64.max / 2)
    #expect(full.isProblem)
    #expect(full.fix == "free space on that disk (see what uses it with: df -h \(folder.path))")
  }

  @Test func theSchoolsTimeZoneIsOKAndAnotherIsAProblem() throws {
    let london = try #require(TimeZone(identifier: "Europe/London"))
    let utc = try #require(TimeZone(identifier: "UTC"))
    let britain = try #require(TimeZone(identifier: "GB"))
    let now = LedgerBuilder.utc("2026-12-05 09:30")
    #expect(
      ClockCheck.check(now: now, systemZone: london, schoolZone: london, lastEntry: nil)
        == .ok("clock 2026-12-05 09:30:00 +00:00, time zone Europe/London"))
    // GB keeps London's time all year: the same rules under another name
    #expect(
      !ClockCheck.check(now: now, systemZone: britain, schoolZone: london, lastEntry: nil)
        .isProblem)
    // UTC agrees with London in December, not once the clocks go forward
    #expect(
      ClockCheck.check(now: now, systemZone: utc, schoolZone: london, lastEntry: nil)
        == .problem(
          "this PC's time zone is \(utc.identifier), the school's (school.yaml) is Europe/London",
          fix: "sudo timedatectl set-timezone Europe/London"))
  }

  @Test func aClockBehindTheLedgerIsAProblem() throws {
    // Given a Raspberry Pi whose clock restarted in 1970, and a ledger signed in 2026
    let london = try #require(TimeZone(identifier: "Europe/London"))
    let now = Date(timeIntervalSince1970: 0)
    let last = LedgerBuilder.utc("2026-12-05 09:30")
    // When it is checked
    let finding = ClockCheck.check(
      now: now, systemZone: london, schoolZone: london, lastEntry: last)
    // Then it says so, and how to set it
    #expect(
      finding
        == .problem(
          "the clock reads 1970-01-01 01:00:00 +01:00, before the ledger's last entry (2026-12-05 09:30:00 +00:00)",
          fix: "set the clock from the network: sudo timedatectl set-ntp true"))
  }

  @Test func findingsAreShownSanitised() {
    let finding = DoctorFinding.problem("no scenarios folder at /tmp/\u{1B}[2J", fix: "x")
    #expect(finding.line.rendered.contains("\u{1B}") == false)
  }
}
