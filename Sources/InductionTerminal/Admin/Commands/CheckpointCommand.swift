import ArgumentParser
import Foundation
import InductionCore

/// `induction checkpoint`: a signed note of the ledger's state for a second person to keep.
public struct CheckpointCommand: AdminCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "checkpoint",
    abstract:
      "Print a signed checkpoint of the ledger to print or email to a second person each week.",
    discussion:
      "Later, `induction verify --against FILE` shows whether any entry the checkpoint saw was removed or rewritten."
  )

  /// The data and scenarios folders.
  @OptionGroup public var options: GlobalOptions

  /// ArgumentParser's initialiser.
  public init() {}

  /// Prints the checkpoint.
  public func run(in session: AdminSession) throws {
    let checkpoint = try session.database.makeCheckpoint(
      school: session.school?.name ?? "Induction", key: try session.signingKey(),
      at: session.clock.now())
    session.output.write(TerminalText(untrustedLines: checkpoint.text))
  }
}
