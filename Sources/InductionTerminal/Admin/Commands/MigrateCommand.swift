import ArgumentParser
import Foundation
import InductionCore

/// `induction migrate --to URL`: moves the SQLite store of this data folder into an empty
/// PostgreSQL database, checks it there, and shows both counts.
public struct MigrateCommand: AdminCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "migrate",
    abstract: "Copy this data folder's database into an empty shared PostgreSQL database.",
    discussion: """
      Everything is copied in one transaction: the ledger exactly as it is, personal details, the \
      roster, sessions, quiz answers and staff settings. Afterwards the ledger is verified on the \
      new database and the rows of each table are shown side by side. Then run \
      `induction setup --database URL` on every PC, this one too, so that every command uses it.
      """)

  /// The source is the SQLite file, which needs no key.
  public static let storeAccess = StoreAccess.existingDatabaseOnly

  /// The data and scenarios folders.
  @OptionGroup public var options: GlobalOptions

  @Option(
    name: .customLong("to"), help: ArgumentHelp("The empty PostgreSQL database.", valueName: "url"))
  var target: String

  /// ArgumentParser's initialiser.
  public init() {}

  /// Copies, verifies the copy and prints the counts.
  public func run(in session: AdminSession) throws {
    let source = session.database
    guard source.dialect == .sqlite else {
      if options.givenDatabaseURL == nil, let remembered = try options.databaseURL() {
        throw RememberedDatabaseError.localLedger(
          path: RememberedDatabase(options.dataDirectoryValue).file.path, remembered: remembered)
      }
      throw AdminFailure(
        "migrate copies the SQLite database of the data folder; leave out --database (and INDUCTION_DATABASE_URL) and give the new database with --to"
      )
    }
    let report = try source.verifyLedger()
    if let damage = report.damage {
      throw AdminFailure(
        "the ledger in \(source.path) is damaged at \(damage), so it was not copied; restore it from a backup first"
      )
    }
    let target = try GlobalOptions.openShared(self.target, environment: options.environment)
    let counts: [StoreCopy.TableCount]
    do {
      var shown = 0
      counts = try StoreCopy.copy(from: source, to: target) { copied in
        // Every 10,000 rows on a large store; nothing on a small one.
        if copied / 10_000 > shown / 10_000 {
          session.errors.line("copied \(copied) rows…")
          shown = copied
        }
      }
    } catch StoreCopy.Refusal.targetNotEmpty(let location, let rows) {
      throw AdminFailure(
        "\(location) already holds \(AdminSession.count(rows, "row")), so nothing was copied; migrate only into a new, empty database"
      )
    } catch StoreCopy.Refusal.foreignObjects(let location, let objects) {
      throw AdminFailure(
        "\(location) holds what induction did not create (\(objects.joined(separator: ", "))), which could copy or change what is stored, so nothing was copied; migrate only into a new, empty database"
      )
    }
    let copied = try target.verifyLedger()
    session.output.write(TerminalText(untrustedLines: Self.table(counts)))
    if let damage = copied.damage {
      throw AdminFailure(
        "the copy in \(target.path) does not verify (\(damage)); do not use it, and keep using the SQLite database"
      )
    }
    guard counts.allSatisfy({ $0.source == $0.target }) else {
      throw AdminFailure(
        "the copy in \(target.path) does not hold the same rows; do not use it, and keep using the SQLite database"
      )
    }
    session.output.line(
      "ok: \(AdminSession.count(copied.entryCount, "entry", "entries")) copied and verified in \(target.path); now run `induction setup\(target.databaseOption)` on every PC, this one too"
    )
  }

  /// The counts side by side, one table a line.
  static func table(_ counts: [StoreCopy.TableCount]) -> String {
    let width = max(5, counts.map(\.table.count).max() ?? 0)
    func padded(_ text: String, _ count: Int) -> String {
      text.padding(toLength: max(count, text.count), withPad: " ", startingAt: 0)
    }
    var lines = [padded("table", width) + "  sqlite  postgresql"]
    for count in counts {
      lines.append(
        padded(count.table, width) + "  " + padded(String(count.source), 6) + "  "
          + String(count.target))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
