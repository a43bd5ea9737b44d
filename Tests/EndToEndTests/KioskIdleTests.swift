import Foundation
import TestSupport
import Testing

/// A session left alone counts down, then wipes itself and goes back to the welcome screen, unsigned.
@Suite("Kiosk: an idle session", .hangGuard)
struct KioskIdleTests {
  static let countdown = "(Still there? Press any key to carry on. "

  @Test func anIdleSessionShowsTheCountdownThenGoesBackToAClearedWelcomeTimedOutAndUnsigned() throws
  {
    let sandbox = try Sandbox()
    try sandbox.setStaffPin()
    let terminal = try sandbox.kioskOnTerminal(station: "Reception", idleTimeout: 2)

    try terminal.waitFor("Press Enter to begin: ", timeout: stepTimeout)
    try terminal.sendLine("")
    try terminal.waitFor("Press Enter to read on: ", timeout: stepTimeout)
    let idleSince = Date()
    let warning = try terminal.waitFor(Self.countdown, timeout: stepTimeout)
    #expect(!warning.contains("Welcome to"))
    try terminal.waitFor("1)", timeout: stepTimeout)
    try terminal.waitFor("Welcome to", timeout: stepTimeout)
    try terminal.waitFor("Press Enter to begin: ", timeout: stepTimeout)
    let idle = Date().timeIntervalSince(idleSince)
    #expect(idle >= 1.5 && idle < 8, "went back to welcome after \(idle) s idle")

    // Screen and scrollback are cleared before the welcome.
    let all = terminal.output
    let lastCountdown = try #require(all.range(of: "Still there?", options: .backwards))
    let welcome = try #require(
      all.range(of: "Welcome to", range: lastCountdown.upperBound..<all.endIndex))
    #expect(
      all[lastCountdown.upperBound..<welcome.lowerBound].contains(screenAndScrollbackClear),
      "no screen-and-scrollback clear between the countdown and the welcome")
    #expect(!terminal.hasExited)

    #expect(
      try sandbox.query("SELECT station, mode, outcome FROM session;") == [
        "Reception|kiosk|timed out"
      ])
    try expectNothingSigned(sandbox)
    #expect(try InductionDriver(program: terminal, key: try AnswerKey()).closeKiosk() == 0)
  }

  @Test func aKeyDuringTheCountdownCarriesOnWithTheSession() throws {
    let sandbox = try Sandbox()
    try sandbox.setStaffPin()
    let terminal = try sandbox.kioskOnTerminal(station: "Reception", idleTimeout: 4)

    try terminal.waitFor("Press Enter to begin: ", timeout: stepTimeout)
    try terminal.sendLine("")
    try terminal.waitFor("Press Enter to read on: ", timeout: stepTimeout)
    try terminal.waitFor(Self.countdown, timeout: stepTimeout)
    // Enter is a key: the countdown goes and the parent reads on, still in the same session.
    try terminal.sendLine("")
    let (index, screen) = try terminal.waitFor(
      anyOf: ["(2 of 4)", "Welcome to"], timeout: stepTimeout)
    #expect(index == 0, "the key during the countdown did not carry on:\n\(screen)")
    try terminal.waitFor("Press Enter to read on: ", timeout: stepTimeout)
    // Then silence again: countdown, and back to welcome.
    try terminal.waitFor(Self.countdown, timeout: stepTimeout)
    try terminal.waitFor("Welcome to", timeout: stepTimeout)
    try terminal.waitFor("Press Enter to begin: ", timeout: stepTimeout)

    #expect(try sandbox.sessionOutcomes() == ["timed out"])
    try expectNothingSigned(sandbox)
    #expect(try InductionDriver(program: terminal, key: try AnswerKey()).closeKiosk() == 0)
  }
}
