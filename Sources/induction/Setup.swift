import ArgumentParser
import Foundation
import InductionCore
import InductionTerminal

extension Induction {
  /// `induction setup --database URL`: this data folder remembers the shared database, so every
  /// command on this PC uses it without the flag and none starts a local ledger by accident.
  struct Setup: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "setup",
      abstract: "Remember the shared database in this data folder, so every command here uses it.",
      discussion: """
        Opens the database first (a URL that does not reach it is never remembered), writes it \
        to database.conf in the data folder without its password (which belongs in ~/.pgpass), \
        then shows this PC's key and, for a new PC, the command that enrols it.
        """)

    @OptionGroup var options: GlobalOptions

    func validate() throws {
      guard options.givenDatabaseURL != nil else {
        throw ValidationError(
          "setup needs the shared database: induction setup --database \(DatabaseURL.example)")
      }
    }

    func run() throws {
      try Failure.report {
        umask(0o077)
        let directory = options.dataDirectoryValue
        try directory.prepare()
        let url = options.givenDatabaseURL!
        let remembered = RememberedDatabase(directory)
        let before = try? remembered.url()
        // A URL that does not open is refused here, before anything is written.
        let shared = try GlobalOptions.openShared(url, environment: options.environment)
        let (written, droppedPassword) = try remembered.remember(url)
        let (database, key, _) = try CompositionRoot.openStore(options, database: shared)
        let console = CompositionRoot.makeConsole()
        console.line(
          "ok: this data folder (\(directory.url.path)) now uses the shared database \(written); commands here need no --database"
        )
        if let before, before != written { console.line("It used \(before) before.") }
        if droppedPassword { console.line("\(GlobalOptions.passwordNote(remembered))") }
        if FileManager.default.fileExists(atPath: directory.databaseURL.path) {
          console.line(
            "The local ledger \(directory.databaseURL.path) is kept as it was but no longer used here."
          )
        }
        let status = try database.keyTrust().status(of: key.publicKey)
        for line in KeysShowCommand.thisPC(key, status: status, database: database) {
          console.line(line)
        }
      }
    }
  }
}
