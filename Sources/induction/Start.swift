import ArgumentParser
import Foundation
import InductionCore
import InductionTerminal

extension Induction {
  /// `induction start`: one parent induction, then exit.
  struct Start: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run one parent induction, then exit.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "The name of this computer or room, recorded with the acknowledgement.")
    var station: String = "Terminal"

    @Option(help: .hidden)
    var seed: UInt64?

    func validate() throws { try StationName.validate(station) }

    func run() throws {
      try Failure.report {
        let (environment, catalog, guidanceText) = try CompositionRoot.parentSession(
          options, seed: seed)
        let flow = ParentFlow(
          environment: environment, catalog: catalog, guidanceText: guidanceText,
          context: SessionContext(station: NameNormalisation.tidy(station), mode: "start"))
        switch try flow.run() {
        case .signed: return
        case .cancelled, .timedOut, .staffRequested: throw ExitCode(3)
        case .terminated: throw ExitCode(4)
        }
      }
    }
  }
}
