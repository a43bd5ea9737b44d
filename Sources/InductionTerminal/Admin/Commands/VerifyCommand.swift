import ArgumentParser
import Foundation
import InductionCore

/// `induction verify`: recompute every commitment, link, hash, answer and signature.
public struct VerifyCommand: AdminCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Check that no ledger entry was altered, removed or forged.")

  /// Verify needs no key: it can check a copy of the database anywhere.
  public static let storeAccess = StoreAccess.existingDatabaseOnly

  /// The data and scenarios folders.
  @OptionGroup public var options: GlobalOptions

  @Option(
    help:
      "A checkpoint file from `induction checkpoint`: also check no entry it saw was removed or rewritten."
  )
  var against: String?

  /// ArgumentParser's initialiser.
  public init() {}

  /// Checks the ledger, then the checkpoint.
  public func run(in session: AdminSession) throws {
    let database = session.database
    let path = database.path
    let report = try database.verifyLedger()
    if let damage = report.damage {
      throw AdminFailure(
        "the ledger in \(path) is damaged at \(damage); keep a copy of the file and restore from a backup"
      )
    }
    let foreign = try database.foreignObjects()
    if !foreign.isEmpty {
      throw AdminFailure(
        "the database \(path) holds what induction did not create (\(foreign.joined(separator: ", "))), which could copy names elsewhere or change what is stored outside the signatures; find out who added it, and remove it"
      )
    }
    let entries = AdminSession.count(report.entryCount, "entry", "entries")
    guard let against else {
      session.output.line("ok: \(entries)\(try Self.keys(database))")
      return
    }
    guard
      case .success(let text) = TextFileReader.read(
        URL(fileURLWithPath: against), followingLinks: true),
      let checkpoint = Checkpoint.parse(text)
    else {
      throw AdminFailure(
        "\(against) is not a checkpoint made by `induction checkpoint`; check the file")
    }
    if let mismatch = try database.check(against: checkpoint) {
      throw AdminFailure(
        "the ledger in \(path) does not match the checkpoint of \(checkpoint.createdAt): \(mismatch)"
      )
    }
    session.output.line(
      "ok: \(entries), including the \(checkpoint.entryCount) in the checkpoint of \(checkpoint.createdAt)\(try Self.keys(database))"
    )
  }

  /// The genesis key to compare with a printed checkpoint, and how many keys are trusted now.
  static func keys(_ database: AppDatabase) throws -> String {
    let trust = try database.keyTrust()
    guard let genesis = trust.genesis else { return "" }
    let others = trust.trusted.filter { $0.id != genesis.id }.count
    return "; genesis key \(KeyFingerprint.display(genesis.id))"
      + (others > 0 ? " and \(AdminSession.count(others, "enrolled key")) trusted" : "")
  }
}
