import ArgumentParser

/// This release of Induction.
let inductionVersion = "0.6.0"

/// The `induction` command: wiring only. Every behaviour lives in InductionCore and InductionTerminal.
@main
struct Induction: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "induction",
    abstract: "Social media guidance induction for parents, with signed acknowledgements.",
    discussion: "With no command, runs one parent induction (the same as `induction start`).",
    version: "induction \(inductionVersion) (commit \(buildCommit))",
    subcommands: [
      Start.self, Kiosk.self, Admin.self, Roster.self, Export.self, Stats.self, Verify.self,
      Checkpoint.self, Revoke.self, Erase.self, Purge.self, Access.self, Scenarios.self, Staff.self,
      Keys.self,
    ],
    defaultSubcommand: Start.self
  )
}
