import ArgumentParser
import Foundation
import InductionCore

/// `induction revoke REFERENCE --reason TEXT`.
public struct RevokeCommand: AdminCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "revoke",
    abstract:
      "Withdraw a mistaken acknowledgement by appending a signed revocation (nothing is deleted).")

  /// The data and scenarios folders.
  @OptionGroup public var options: GlobalOptions

  @Argument(help: "The acknowledgement's reference, e.g. 7K3M-Q9TZ.")
  var reference: String

  @Option(help: "Why (kept in the ledger for good: do not include anyone's name).")
  var reason: String

  /// ArgumentParser's initialiser.
  public init() {}

  /// Appends the revocation.
  public func run(in session: AdminSession) throws {
    let entry = try session.database.revoke(
      reference: reference, reason: reason, key: try session.signingKey(), at: session.clock.now())
    session.output.line(
      "revoked \(Reference.normalise(reference).map(Reference.display) ?? reference) (ledger entry \(entry.seq))"
    )
  }
}
