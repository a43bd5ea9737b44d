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

    func run() throws {
      try Failure.report {
        TerminalLocale.adopt()
        let (database, _, _) = try CompositionRoot.openStore(options)
        Signals.install()
        let console = CompositionRoot.makeConsole()
        let reader = CompositionRoot.makeStaffReader(console: console)
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
          try database.setStaffPin(stored, station: "staff set-pin", at: Date())
          console.line("The staff PIN is set.")
          return
        }
        Failure.printError("the PIN was not set; run `induction staff set-pin` again")
        throw ExitCode.failure
      }
    }
  }
}
