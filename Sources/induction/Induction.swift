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
      Staff.self, KeysCommand.self, MigrateCommand.self, Serve.self, InviteCommand.self,
      Setup.self, DoctorCommand.self, Grant.self,
    ],
    defaultSubcommand: Start.self
  )

  /// Parses the command line, then runs an admin command in a session opened here, or any other
  /// command as ArgumentParser does.
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    do {
      if let mistake = unknownCommand(in: arguments) {
        Failure.printError(mistake)
        throw ExitCode.validationFailure
      }
      var command: ParsableCommand
      do {
        command = try parseFast() ?? parseAsRoot()
      } catch let error where exitCode(for: error) != .success && namesNoCommand(arguments) {
        Failure.printError(noCommandMessage(for: error))
        throw exitCode(for: error)
      }
      switch command {
      case let admin as AdminCommand:
        try Failure.report {
          try admin.runChecked(
            in: try CompositionRoot.adminSession(admin.options, type(of: admin).storeAccess))
        }
      case let lint as LintCommand:
        try Failure.report {
          try lint.lint(
            output: CompositionRoot.makeConsole(), errors: CompositionRoot.makeErrorConsole())
        }
      case let doctor as DoctorCommand:
        try Failure.report {
          try doctor.diagnose(output: CompositionRoot.makeConsole(), now: Clock.system.now())
        }
      default:
        try command.run()
      }
    } catch {
      Failure.exit(for: error)
    }
  }
}

extension Induction {
  /// The parent's commands (`induction`, `induction start …`, `induction kiosk …`) parsed on their
  /// own: building the whole command tree for every parent costs milliseconds before the welcome
  /// screen. Anything else, `--help` and `--version` included, goes the usual way (nil), and so
  /// does a parent's command line with a mistake in it: parsed again from the root, its usage is
  /// `induction kiosk …`, not `kiosk …`.
  static func parseFast() throws -> ParsableCommand? {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard !arguments.contains(where: { $0 == "-h" || $0 == "--help" || $0 == "--version" })
    else { return nil }
    switch arguments.first {
    case nil: return try Start.parseAsRoot([])
    case "start": return try? Start.parseAsRoot(Array(arguments.dropFirst()))
    case "kiosk": return try? Kiosk.parseAsRoot(Array(arguments.dropFirst()))
    default: return nil
    }
  }

  /// `induction admin`: the admin prompt over every admin command.
  struct Admin: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "admin",
      abstract: "The admin prompt: every admin command, with tab completion and help.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
      try Failure.report {
        TerminalLocale.adopt()
        let session = try CompositionRoot.adminSession(options, .signing)
        let reader: LineReader
        if CompositionRoot.interactive {
          // Ctrl-C clears the line and asks again, as a shell does, instead of ending the session.
          Signals.install()
          reader = ReadlineLineReader(programName: "induction-admin", keepsHistory: true)
        } else {
          reader = PlainLineReader(output: session.output.output)
        }
        AdminPrompt(session: session, reader: reader).run()
      }
    }
  }
}
