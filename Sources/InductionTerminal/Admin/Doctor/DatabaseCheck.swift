import Foundation
import InductionCore

/// `induction doctor`: the database the options name opens, and which one it is.
public enum DatabaseCheck {
  /// Opens the database with `open` (the SQLite file only when it already exists: the doctor makes
  /// nothing) and reports which it is and how many ledger entries it holds.
  public static func check(
    _ directory: DataDirectory, sharedURL: String?, open: () throws -> AppDatabase
  ) -> (DoctorFinding, AppDatabase?) {
    if sharedURL == nil, !FileManager.default.fileExists(atPath: directory.databaseURL.path) {
      return (
        .problem(
          "no database at \(directory.databaseURL.path) yet",
          fix: "induction staff set-pin (it makes the database and this PC's key)"), nil
      )
    }
    let database: AppDatabase
    let last: (seq: Int, recordedAt: Date?)?
    do {
      database = try open()
      last = try database.lastLedgerEntry()
    } catch {
      return (
        .problem("the database could not be opened", fix: AdminCommands.message(for: error)), nil
      )
    }
    let kind = sharedURL == nil ? "SQLite" : "PostgreSQL"
    let entries = AdminSession.count(last?.seq ?? 0, "ledger entry", "ledger entries")
    return (.ok("database \(kind) \(database.path) opens (\(entries))"), database)
  }
}
