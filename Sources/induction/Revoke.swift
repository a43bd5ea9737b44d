import ArgumentParser
import Foundation
import InductionCore

extension Induction {
  /// `induction revoke REFERENCE --reason TEXT`.
  struct Revoke: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Withdraw a mistaken acknowledgement by appending a signed revocation (nothing is deleted)."
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The acknowledgement's reference, e.g. 7K3M-Q9TZ.")
    var reference: String

    @Option(help: "Why (kept in the ledger for good: do not include anyone's name).")
    var reason: String

    func run() throws {
      try Failure.report {
        let admin = try AdminContext.open(options)
        let entry = try admin.database.revoke(
          reference: reference, reason: reason, key: admin.key, at: Date())
        Output.say(
          "revoked \(Reference.normalise(reference).map(Reference.display) ?? reference) (ledger entry \(entry.seq))"
        )
      }
    }
  }
}
