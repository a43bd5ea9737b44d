import ArgumentParser
import Foundation
import InductionCore

extension Induction {
  /// `induction verify`: recompute every commitment, link, hash and signature.
  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check that no ledger entry was altered, removed or forged.")

    @OptionGroup var options: GlobalOptions

    @Option(
      help:
        "A checkpoint file from `induction checkpoint`: also check no entry it saw was removed or rewritten."
    )
    var against: String?

    /// The genesis key to compare with a printed checkpoint, and how many keys are trusted now.
    static func keys(_ database: AppDatabase) throws -> String {
      let trust = try database.keyTrust()
      guard let genesis = trust.genesis else { return "" }
      let others = trust.trusted.filter { $0.id != genesis.id }.count
      return "; genesis key \(KeyFingerprint.display(genesis.id))"
        + (others > 0 ? " and \(others) enrolled \(others == 1 ? "key" : "keys") trusted" : "")
    }

    /// A ledger from before key enrolment gains its genesis entry here too, when this folder holds
    /// the key that signed it (without the key, verify reports the missing genesis).
    static func upgrade(_ database: AppDatabase, _ directory: DataDirectory) throws {
      guard try database.keyTrust().genesis == nil, try database.hasLedgerEntries(),
        let key = try? SigningKey.loadOrCreate(at: directory.signingKeyURL, create: false)
      else { return }
      try database.registerSigningKey(key, keyPath: directory.signingKeyURL.path, at: Date())
    }

    func run() throws {
      try Failure.report {
        let directory = options.dataDirectoryValue
        guard FileManager.default.fileExists(atPath: directory.databaseURL.path) else {
          Failure.printError(
            "no database at \(directory.databaseURL.path); pass the data folder with --data-dir")
          throw ExitCode.failure
        }
        let database = try AppDatabase.open(at: directory.databaseURL)
        try Self.upgrade(database, directory)
        let report = try database.verifyLedger()
        if let damage = report.damage {
          Failure.printError(
            "the ledger in \(directory.databaseURL.path) is damaged at \(damage); keep a copy of the file and restore from a backup"
          )
          throw ExitCode.failure
        }
        if let against {
          guard case .success(let text) = TextFileReader.read(URL(fileURLWithPath: against)),
            let checkpoint = InductionCore.Checkpoint.parse(text)
          else {
            Failure.printError(
              "\(against) is not a checkpoint made by `induction checkpoint`; check the file")
            throw ExitCode.failure
          }
          if let mismatch = try database.check(against: checkpoint) {
            Failure.printError(
              "the ledger in \(directory.databaseURL.path) does not match the checkpoint of \(checkpoint.createdAt): \(mismatch)"
            )
            throw ExitCode.failure
          }
          Output.say(
            "ok: \(report.entryCount) \(report.entryCount == 1 ? "entry" : "entries"), including the \(checkpoint.entryCount) in the checkpoint of \(checkpoint.createdAt)\(try Self.keys(database))"
          )
          return
        }
        Output.say(
          "ok: \(report.entryCount) \(report.entryCount == 1 ? "entry" : "entries")\(try Self.keys(database))"
        )
      }
    }
  }
}
