import ArgumentParser
import Foundation
import InductionCore
import InductionTerminal

extension Induction {
  /// `induction staff …`: staff settings.
  struct Staff: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Staff settings.", subcommands: [SetPin.self])
  }
}

extension Induction.Staff {
  /// `induction staff set-pin`: asks the PIN twice without echo; never takes it from argv or the environment.
  struct SetPin: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "set-pin",
      abstract: "Set the staff PIN that closes a kiosk (asked twice, never shown).")

    @OptionGroup var options: GlobalOptions

    @Flag(
      help:
        "Set a new PIN without the old one (a forgotten PIN). Only the data folder's owner may; it is written to the staff log."
    )
    var reset = false

    func run() throws {
      try Failure.report {
        TerminalLocale.adopt()
        let (database, _, directory) = try CompositionRoot.openStore(options)
        Signals.install()
        let console = CompositionRoot.makeConsole()
        let reader = CompositionRoot.makeStaffReader(console: console)
        if let current = try database.staffPin() {
          if reset {
            var info = stat()
            guard stat(directory.url.path, &info) == 0, info.st_uid == geteuid() else {
              Failure.printError(
                "only the owner of the data folder \(directory.url.path) may reset the PIN; run this as that user"
              )
              throw ExitCode.failure
            }
          } else {
            try Self.checkCurrentPin(current, database: database, reader: reader)
          }
        }
        for _ in 0..<3 {
          guard
            case .line(let first) = reader.readSecret(prompt: "New staff PIN (at least 6 digits): ")
          else {
            break
          }
          if let problem = PinHasher.problem(with: first) {
            console.line("\(problem)")
            continue
          }
          guard case .line(let second) = reader.readSecret(prompt: "Type it again: ") else { break }
          guard first == second else {
            console.line("The two PINs are different. Please start again.")
            continue
          }
          let stored = try PinHasher.hash(first)
          if reset { try database.logStaff(.pinReset, station: "staff set-pin", at: Date()) }
          try database.setStaffPin(stored, station: "staff set-pin", at: Date())
          console.line("The staff PIN is set.")
          return
        }
        Failure.printError("the PIN was not set; run `induction staff set-pin` again")
        throw ExitCode.failure
      }
    }

    /// Asks for the PIN in force; a wrong one counts towards the staff lockout like one at a kiosk.
    static func checkCurrentPin(
      _ current: StoredPin, database: AppDatabase, reader: LineReader
    ) throws {
      if let until = try database.staffLockout().lockedUntil(now: Date()) {
        Failure.printError(
          "staff access is locked after too many wrong PINs until \(Timestamp.utc(until)); try again then"
        )
        throw ExitCode.failure
      }
      guard case .line(let typed) = reader.readSecret(prompt: "Current staff PIN: "),
        PinHasher.matches(typed, current)
      else {
        _ = try database.recordPinFailure(station: "staff set-pin", at: Date())
        Failure.printError(
          "that is not the current staff PIN, so it was not changed; if it is forgotten, the data folder's owner can run `induction staff set-pin --reset`"
        )
        throw ExitCode.failure
      }
    }
  }
}
