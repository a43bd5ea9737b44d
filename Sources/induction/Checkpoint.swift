import ArgumentParser
import Foundation
import InductionCore

extension Induction {
  /// `induction checkpoint`: a signed note of the ledger's state for a second person to keep.
  struct Checkpoint: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Print a signed checkpoint of the ledger to print or email to a second person each week.",
      discussion:
        "Later, `induction verify --against FILE` shows whether any entry the checkpoint saw was removed or rewritten."
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
      try Failure.report {
        let admin = try AdminContext.open(options)
        let checkpoint = try admin.database.makeCheckpoint(
          school: admin.school?.name ?? "Induction", key: admin.key, at: Date())
        Output.say(checkpoint.text, terminator: "")
      }
    }
  }
}
