import ArgumentParser
import Foundation
import InductionCore

extension Induction {
  /// `induction verify`: recompute every commitment, link, hash and signature.
  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check that no ledger entry was altered, removed or forged.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
      try Failure.report {
        let directory = options.dataDirectoryValue
        guard FileManager.default.fileExists(atPath: directory.databaseURL.path) else {
          Failure.printError("no database at \(directory.databaseURL.path); pass the data folder with --data-dir")
          throw ExitCode.failure
        }
        let database = try AppDatabase.open(at: directory.databaseURL)
        let report = try database.verifyLedger()
        if let damage = report.damage {
          Failure.printError("the ledger in \(directory.databaseURL.path) is damaged at \(damage); keep a copy of the file and restore from a backup")
          throw ExitCode.failure
        }
        print("ok: \(report.entryCount) \(report.entryCount == 1 ? "entry" : "entries")")
      }
    }
  }
}
