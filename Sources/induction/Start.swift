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

    @Option(
      help:
        "The language to start in, as its tag (en, pl, cy; default: default_language in school.yaml)."
    )
    var language: String?

    @Option(help: .hidden)
    var seed: UInt64?

    func validate() throws {
      try StationName.validate(station)
      if let language, !LanguageTag.isWellFormed(language) {
        throw ValidationError("--language needs a language tag such as en, pl or cy")
      }
    }

    func run() throws {
      try Failure.report {
        let (environment, content) = try CompositionRoot.parentSession(options, seed: seed)
        if let language, content.content(for: language) == nil {
          let offered = content.languages.map(\.tag).joined(separator: ", ")
          throw ValidationError(
            "--language \(language) is not offered (offered: \(offered)); a translation is offered when its folder in translations/ passes `induction scenarios lint`"
          )
        }
        let flow = ParentFlow(
          environment: environment, content: content, language: language,
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
