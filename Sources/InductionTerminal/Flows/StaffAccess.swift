import Foundation
import InductionCore

/// The staff side of a kiosk: the PIN (never echoed, never logged), the lockout, and the staff menu.
struct StaffAccess {
  enum Result: Equatable { case resume, close, terminated, endOfInput }

  let environment: Environment
  let station: String
  let schoolZone: TimeZone
  let idleTimeout: TimeInterval?

  var console: Console { environment.console }
  var database: AppDatabase { environment.database }
  var now: Date { environment.clock.now() }

  func run() throws -> Result {
    environment.reader.idleTimeout = idleTimeout
    defer { environment.reader.idleTimeout = nil }
    console.clearScreen()
    if let until = try database.staffLockout().lockedUntil(now: now) {
      console.line(
        "Staff access is locked after too many wrong PINs. Try again in \(Self.describe(until.timeIntervalSince(now)))."
      )
      return try pause()
    }
    guard let stored = try database.staffPin() else {
      console.line("No staff PIN is set. Set one with: induction staff set-pin")
      return try pause()
    }
    switch environment.reader.readSecret(prompt: "Staff PIN: ") {
    case .line(let pin):
      if PinHasher.matches(pin, stored) {
        try database.recordPinSuccess(station: station, at: now)
        return try menu()
      }
      let lockout = try database.recordPinFailure(station: station, at: now)
      if lockout.lockedUntil(now: now) != nil {
        console.line(
          "That PIN is not right. Too many wrong PINs: staff access is locked for \(Self.describe(lockout.lockDuration))."
        )
      } else {
        console.line("That PIN is not right.")
      }
      return try pause()
    case .terminate: return .terminated
    case .endOfInput where !environment.reader.isInteractive: return .endOfInput
    case .interrupt, .endOfInput, .idleTimeout: return .resume
    }
  }

  private func menu() throws -> Result {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = schoolZone
    let day = try database.stationDay(station, since: calendar.startOfDay(for: now))
    console.clearScreen()
    console.heading("Staff menu: \(station)")
    console.line()
    console.line(
      "Today at this station: \(day.started) \(day.started == 1 ? "induction" : "inductions") started, \(day.signed) signed."
    )
    console.line()
    console.line("  1. Back to the kiosk")
    console.line("  2. Close the kiosk")
    console.line()
    while true {
      switch environment.reader.readLine(
        prompt: "Type 1 or 2: ", kind: .answer(completions: ["1", "2"]))
      {
      case .line(let answer):
        switch answer.trimmingCharacters(in: .whitespaces) {
        case "1":
          try database.logStaff(.kioskResumed, station: station, at: now)
          return .resume
        case "2":
          try database.logStaff(.kioskExited, station: station, at: now)
          return .close
        default: console.line("Please type 1 or 2.")
        }
      case .terminate: return .terminated
      case .endOfInput where !environment.reader.isInteractive: return .endOfInput
      case .interrupt, .endOfInput, .idleTimeout:
        try database.logStaff(.kioskResumed, station: station, at: now)
        return .resume
      }
    }
  }

  /// Waits for Enter after a refusal, showing nothing typed: staff often type the PIN again there,
  /// in front of the parents queueing at reception.
  private func pause() throws -> Result {
    switch environment.reader.readSecret(prompt: "Press Enter to go back: ") {
    case .terminate: return .terminated
    case .endOfInput where !environment.reader.isInteractive: return .endOfInput
    default: return .resume
    }
  }

  static func describe(_ seconds: TimeInterval) -> String {
    let whole = Int(seconds.rounded(.up))
    if whole < 60 { return "\(whole) \(whole == 1 ? "second" : "seconds")" }
    let minutes = (whole + 59) / 60
    return "\(minutes) \(minutes == 1 ? "minute" : "minutes")"
  }
}
