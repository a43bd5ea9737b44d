import ArgumentParser
import Foundation
import InductionCore
import InductionTerminal

extension Induction {
  /// `induction start`: one parent induction, then exit.
  struct Start: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "start",
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
        var loaded = try CompositionRoot.parentContent(options)
        let welcome = loaded.welcome
        if let language, !welcome.languageTags.contains(language) {
          let offered = welcome.languageTags.joined(separator: ", ")
          throw ValidationError(
            "--language \(language) is not offered (offered: \(offered)); a translation is offered when its folder in translations/ passes `induction scenarios lint`"
          )
        }
        // At a terminal the welcome is drawn before the rest of the scenarios are decoded, the
        // store opened and readline set up, so the parent is reading while they start; the flow
        // then asks its first question under it. Should the store then be refused, the screen is
        // cleared so the message stands alone. Through a pipe nothing is written before the store
        // opens, so a refusal leaves standard output empty.
        let console = CompositionRoot.makeConsole()
        let drawnFirst = CompositionRoot.interactive
        if drawnFirst { welcome.draw(in: welcome.startLanguage(language), on: console) }
        let content: SchoolContent
        let environment: Environment
        do {
          content = try loaded.content()
          environment = try CompositionRoot.parentEnvironment(
            options, content: loaded, console: console, seed: seed)
        } catch {
          if drawnFirst { console.clearScreen() }
          throw error
        }
        let flow = ParentFlow(
          environment: environment, content: content, language: language,
          context: SessionContext(station: NameNormalisation.tidy(station), mode: "start"),
          welcomeOnScreen: drawnFirst)
        switch try flow.run() {
        case .signed: return
        case .cancelled, .timedOut, .staffRequested: throw ExitCode(3)
        case .terminated: throw ExitCode(4)
        }
      }
    }
  }
}
