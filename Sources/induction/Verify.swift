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

    func run() throws {
      try Failure.report {
        let directory = options.dataDirectoryValue
        guard FileManager.default.fileExists(atPath: directory.databaseURL.path) else {
          Failure.printError(
            "no database at \(directory.databaseURL.path); pass the data folder with --data-dir")
          throw ExitCode.failure
        }
        let database = try AppDatabase.open(at: directory.databaseURL)
        let report = try database.verifyLedger()
        if let damage = report.damage {
          Failure.printError(
            "the ledger in \(directory.databaseURL.path) is damaged at \(damage); keep a copy of the file and restore from a backup"
          )
          throw ExitCode.failure
        }
        if let against {
          guard let data = FileManager.default.contents(atPath: against),
            let checkpoint = InductionCore.Checkpoint.parse(String(decoding: data, as: UTF8.self))
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
          print(
            "ok: \(report.entryCount) \(report.entryCount == 1 ? "entry" : "entries"), including the \(checkpoint.entryCount) in the checkpoint of \(checkpoint.createdAt)"
          )
          return
        }
        print("ok: \(report.entryCount) \(report.entryCount == 1 ? "entry" : "entries")")
      }
    }
  }
}
