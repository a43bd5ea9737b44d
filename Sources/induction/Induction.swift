import ArgumentParser
import Foundation
import InductionCore
import InductionTerminal

/// This release of Induction.
let inductionVersion = "0.6.0"

/// The `induction` command: argument parsing and composition only. Every behaviour lives in
/// InductionCore and InductionTerminal; the admin commands are declared there too, so the admin
/// prompt parses a line exactly as the shell does.
@main
struct Induction: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "induction",
    abstract: "Social media guidance induction for parents, with signed acknowledgements.",
    discussion: "With no command, runs one parent induction (the same as `induction start`).",
    version: "induction \(inductionVersion) (commit \(buildCommit))",
    subcommands: [
      Start.self, Kiosk.self, Admin.self, RosterCommand.self, ExportCommand.self,
      StatsCommand.self, VerifyCommand.self, CheckpointCommand.self, RevokeCommand.self,
      EraseCommand.self, PurgeCommand.self, AccessCommand.self, ScenariosCommand.self,
      Staff.self, KeysCommand.self,
    ],
    defaultSubcommand: Start.self
  )

  /// Parses the command line, then runs an admin command in a session opened here, or any other
  /// command as ArgumentParser does.
  static func main() {
    do {
      var command = try parseAsRoot()
      switch command {
      case let admin as AdminCommand:
        try Failure.report {
          try admin.run(
            in: try CompositionRoot.adminSession(admin.options, type(of: admin).storeAccess))
        }
      case let lint as LintCommand:
        try Failure.report {
          try lint.lint(
            output: CompositionRoot.makeConsole(), errors: CompositionRoot.makeErrorConsole())
        }
      default:
        try command.run()
      }
    } catch {
      exit(withError: error)
    }
  }
}

extension Induction {
  /// `induction admin`: the admin prompt over every admin command.
  struct Admin: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The admin prompt: every admin command, with tab completion and help.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
      try Failure.report {
        TerminalLocale.adopt()
        let session = try CompositionRoot.adminSession(options, .signing)
        let reader: LineReader =
          CompositionRoot.interactive
          ? ReadlineLineReader(programName: "induction-admin", keepsHistory: true)
          : PlainLineReader(output: session.output.output)
        AdminPrompt(session: session, reader: reader).run()
      }
    }
  }
}
