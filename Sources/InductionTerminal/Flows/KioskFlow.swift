import Foundation
import InductionCore

/// How a kiosk run ended.
public enum KioskExit: Equatable {
  /// Staff closed it with the PIN.
  case closedByStaff
  /// SIGTERM or SIGHUP.
  case terminated
  /// Piped input ran out (scripts and tests; a person at a terminal cannot end it this way).
  case endOfInput
}

/// Parent inductions one after another at a station, until staff leave with the PIN. Between parents
/// the screen and scrollback are cleared and readline's history is emptied, so nobody sees anything of
/// the person before them; a half-finished session is never signed.
public struct KioskFlow {
  let environment: Environment
  let content: SchoolContent
  let station: String
  let options: ParentFlow.KioskOptions

  /// Creates a kiosk for `station` over the English set only.
  public init(
    environment: Environment, catalog: ScenarioCatalog, guidanceText: String, station: String,
    options: ParentFlow.KioskOptions
  ) {
    self.init(
      environment: environment,
      content: SchoolContent(catalog: catalog, guidanceText: guidanceText), station: station,
      options: options)
  }

  /// Creates a kiosk for `station` offering every language in `content`; each parent starts in
  /// the school's default language.
  public init(
    environment: Environment, content: SchoolContent, station: String,
    options: ParentFlow.KioskOptions
  ) {
    self.environment = environment
    self.content = content
    self.station = station
    self.options = options
  }

  var console: Console { environment.console }

  /// Runs parent after parent until staff close the kiosk, a signal ends it, or piped input runs out.
  public func run() throws -> KioskExit {
    try environment.database.logStaff(.kioskStarted, station: station, at: environment.clock.now())
    let parent = ParentFlow(
      environment: environment, content: content,
      context: SessionContext(station: station, mode: "kiosk"), kiosk: options)
    while true {
      resetForNextPerson()
      switch try parent.run() {
      case .signed, .timedOut:
        continue
      case .cancelled:
        if !environment.reader.isInteractive { return .endOfInput }
      case .terminated:
        try? environment.database.logStaff(
          .kioskTerminated, station: station, at: environment.clock.now())
        return .terminated
      case .staffRequested:
        let access = StaffAccess(
          environment: environment, station: station,
          schoolZone: content.english.catalog.school.timeZone,
          idleTimeout: options.idleTimeout)
        let result: StaffAccess.Result
        do {
          result = try access.run()
        } catch let error as StoreError {
          // Without the database the lockout cannot be counted, so staff access waits for it.
          console.line("Staff access is not available just now: \(error.localizedDescription)")
          result = .resume
        }
        switch result {
        case .resume: continue
        case .close:
          resetForNextPerson()
          console.line("The kiosk is closed.")
          return .closedByStaff
        case .terminated:
          try? environment.database.logStaff(
            .kioskTerminated, station: station, at: environment.clock.now())
          return .terminated
        case .endOfInput:
          return .endOfInput
        }
      }
    }
  }

  private func resetForNextPerson() {
    environment.reader.forgetHistory()
    console.clearScreen()
  }
}
