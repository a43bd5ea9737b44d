import ArgumentParser
import Foundation
import InductionCore
import InductionTerminal

extension Induction {
  /// `induction kiosk --station NAME`: parent inductions one after another until staff leave with the PIN.
  struct Kiosk: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "kiosk",
      abstract: "Run parent inductions one after another until staff close the kiosk with the PIN.",
      discussion:
        "Staff type :staff at the welcome screen, then the staff PIN, to reach the staff menu.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "The station name recorded with every session, e.g. Reception.")
    var station: String

    @Option(
      name: .customLong("idle-timeout"),
      help: "Seconds without a key press before a session is wiped.")
    var idleTimeout: Int = 180

    @Option(help: .hidden)
    var seed: UInt64?

    func validate() throws {
      try StationName.validate(station)
      guard (2...86_400).contains(idleTimeout) else {
        throw ValidationError("--idle-timeout must be between 2 and 86400 seconds")
      }
    }

    func run() throws {
      try Failure.report {
        let (environment, content) = try CompositionRoot.parentSession(options, seed: seed)
        guard try environment.database.staffPin() != nil else {
          Failure.printError(
            "no staff PIN is set, so nobody could close the kiosk; set one first with `induction staff set-pin`"
          )
          throw ExitCode.failure
        }
        let kiosk = KioskFlow(
          environment: environment, content: content, station: NameNormalisation.tidy(station),
          options: .init(idleTimeout: TimeInterval(idleTimeout)))
        switch try kiosk.run() {
        case .closedByStaff, .endOfInput: return
        case .terminated: throw ExitCode(4)
        }
      }
    }
  }
}

/// The rule for station names, shared by `start` and `kiosk`.
enum StationName {
  static func validate(_ station: String) throws {
    let tidy = NameNormalisation.tidy(station)
    if tidy.isEmpty || tidy.count > 40
      || tidy.unicodeScalars.contains(where: {
        $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
      })
    {
      throw ValidationError(
        "--station needs a short name such as Reception (at most 40 characters)")
    }
  }
}
