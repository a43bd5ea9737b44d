import ArgumentParser
import Foundation
import InductionCore

extension Induction {
  /// `induction keys …`: which PCs' keys the ledger trusts.
  struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show, enrol and retire the signing keys the ledger trusts (one per PC).",
      discussion: """
        A new PC: run `induction keys show` there and read its fingerprint aloud. On a PC already \
        in use, compare it and run `induction keys enrol FINGERPRINT --name "Reception 2"`.
        """,
      subcommands: [Show.self, Enrol.self, Retire.self])
  }
}

extension Induction.Keys {
  /// `induction keys show`: this PC's fingerprint and every key the ledger names.
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show this PC's key fingerprint and every key in the ledger.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
      try Failure.report {
        let (database, key, _) = try CompositionRoot.openStore(options, createKey: true)
        let status = try database.keyTrust().status(of: key.publicKey)
        Output.say("This PC's key: \(KeyFingerprint.display(key.id)) (\(status.rawValue))")
        Output.say("Public key: \(key.publicKey.base64EncodedString())")
        if status == .notEnrolled {
          Output.say(
            "Read the fingerprint aloud to someone at a PC already in use; there, run: induction keys enrol \(key.id.uppercased()) --name \"NAME\""
          )
        }
        Output.say("")
        Output.say("Keys in the ledger:")
        for listing in try database.keyListings() {
          let name = listing.name.isEmpty ? "-" : listing.name
          Output.say(
            "  \(KeyFingerprint.display(listing.id))  \(listing.status.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0))  \(name)  since \(listing.since)"
          )
        }
      }
    }
  }

  /// `induction keys enrol FINGERPRINT --name NAME`: trust another PC's key.
  struct Enrol: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Trust another PC's key, by a ledger entry signed with this PC's key.")

    @OptionGroup var options: GlobalOptions

    @Argument(
      help: "The new PC's fingerprint as `induction keys show` prints it (or its public key).")
    var fingerprint: String

    @Option(help: "A name for the PC, such as \"Reception 2\" (kept in the ledger).")
    var name: String

    func run() throws {
      try Failure.report {
        let (database, key, _) = try CompositionRoot.openStore(options)
        let publicKey = try database.publicKey(forFingerprintOrKey: fingerprint)
        let entry = try database.enrolKey(publicKey, name: name, by: key, at: Date())
        Output.say(
          "enrolled \(KeyFingerprint.display(SigningKey.id(of: publicKey))) as \"\(entry.note)\" (ledger entry \(entry.seq)); that PC may sign from now on"
        )
      }
    }
  }

  /// `induction keys retire FINGERPRINT --reason TEXT`: stop trusting a key.
  struct Retire: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Stop trusting a key (a PC retired, lost or replaced); what it signed before stays valid.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The key's fingerprint as `induction keys show` prints it.")
    var fingerprint: String

    @Option(help: "Why (kept in the ledger for good).")
    var reason: String

    func run() throws {
      try Failure.report {
        let (database, key, _) = try CompositionRoot.openStore(options)
        let publicKey = try database.publicKey(forFingerprintOrKey: fingerprint)
        let entry = try database.retireKey(publicKey, reason: reason, by: key, at: Date())
        Output.say(
          "retired \(KeyFingerprint.display(SigningKey.id(of: publicKey))) (ledger entry \(entry.seq)); entries it signs from now on will not verify"
        )
      }
    }
  }
}
