import ArgumentParser
import Foundation
import InductionCore

/// `induction keys …`: which PCs' keys the ledger trusts.
public struct KeysCommand: ParsableCommand {
  /// The command's name, help and subcommands.
  public static let configuration = CommandConfiguration(
    commandName: "keys",
    abstract: "Show, enrol and retire the signing keys the ledger trusts (one per PC).",
    discussion: """
      A new PC: run `induction keys show` there and read its fingerprint aloud. On a PC already \
      in use, compare it and run `induction keys enrol FINGERPRINT --name "Reception 2"`.
      """,
    subcommands: [KeysShowCommand.self, KeysEnrolCommand.self, KeysRetireCommand.self])

  /// ArgumentParser's initialiser.
  public init() {}
}

/// `induction keys show`: this PC's fingerprint and every key the ledger names.
public struct KeysShowCommand: AdminCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "show", abstract: "Show this PC's key fingerprint and every key in the ledger.")

  /// A new PC makes its key here, to show it.
  public static let storeAccess = StoreAccess.newKey

  /// The data and scenarios folders.
  @OptionGroup public var options: GlobalOptions

  /// ArgumentParser's initialiser.
  public init() {}

  /// Lists the keys.
  public func run(in session: AdminSession) throws {
    let key = try session.signingKey()
    let status = try session.database.keyTrust().status(of: key.publicKey)
    let output = session.output
    for line in Self.thisPC(key, status: status, database: session.database) { output.line(line) }
    output.line()
    output.line("Keys in the ledger:")
    for listing in try session.database.keyListings() {
      let status = listing.status.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
      // In the school's time, to the minute, as the office reads a date.
      let since =
        Timestamp.parseUTC(listing.since).map {
          String(Timestamp.local($0, in: session.export.timeZone).prefix(16))
        } ?? listing.since
      output.line(
        "  \(KeyFingerprint.display(listing.id))  \(status)  \(listing.name.isEmpty ? "-" : listing.name)  since \(since)"
      )
    }
  }
}

extension KeysShowCommand {
  /// This PC's key and whether the ledger trusts it; when it does not yet, the whole command that
  /// enrols it, to run on a PC already in use (with the `--database` of `database`).
  public static func thisPC(_ key: SigningKey, status: KeyStatus, database: AppDatabase)
    -> [TerminalText]
  {
    var lines: [TerminalText] = [
      "This PC's key: \(KeyFingerprint.display(key.id)) (\(status.rawValue))",
      "Public key: \(key.publicKey.base64EncodedString())",
    ]
    if status == .notEnrolled {
      lines.append(
        "Read the fingerprint aloud to someone at a PC already in use; there, run: induction keys enrol \(key.id.uppercased()) --name \"NAME\"\(database.databaseOption)"
      )
    }
    return lines
  }
}

/// `induction keys enrol FINGERPRINT --name NAME`: trust another PC's key.
public struct KeysEnrolCommand: AdminCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "enrol",
    abstract: "Trust another PC's key, by a ledger entry signed with this PC's key.")

  /// The data and scenarios folders.
  @OptionGroup public var options: GlobalOptions

  @Argument(
    help: "The new PC's fingerprint as `induction keys show` prints it (or its public key).")
  var fingerprint: String

  @Option(help: "A name for the PC, such as \"Reception 2\" (kept in the ledger).")
  var name: String

  /// ArgumentParser's initialiser.
  public init() {}

  /// Appends the enrolment.
  public func run(in session: AdminSession) throws {
    let publicKey = try session.database.publicKey(forFingerprintOrKey: fingerprint)
    let entry = try session.database.enrolKey(
      publicKey, name: name, by: try session.signingKey(), at: session.clock.now())
    session.output.line(
      "enrolled \(KeyFingerprint.display(SigningKey.id(of: publicKey))) as \"\(entry.note)\" (ledger entry \(entry.seq)); that PC may sign from now on"
    )
  }
}

/// `induction keys retire FINGERPRINT --reason TEXT`: stop trusting a key.
public struct KeysRetireCommand: AdminCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "retire",
    abstract:
      "Stop trusting a key (a PC retired, lost or replaced); what it signed before stays valid.")

  /// The data and scenarios folders.
  @OptionGroup public var options: GlobalOptions

  @Argument(help: "The key's fingerprint as `induction keys show` prints it.")
  var fingerprint: String

  @Option(help: "Why (kept in the ledger for good).")
  var reason: String

  /// ArgumentParser's initialiser.
  public init() {}

  /// Appends the retirement.
  public func run(in session: AdminSession) throws {
    let publicKey = try session.database.publicKey(forFingerprintOrKey: fingerprint)
    let entry = try session.database.retireKey(
      publicKey, reason: reason, by: try session.signingKey(), at: session.clock.now())
    session.output.line(
      "retired \(KeyFingerprint.display(SigningKey.id(of: publicKey))) (ledger entry \(entry.seq)); entries it signs from now on will not verify"
    )
  }
}
