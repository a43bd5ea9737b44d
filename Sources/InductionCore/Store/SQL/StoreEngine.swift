import Foundation

/// Where the store keeps its records: the SQLite file in the data folder, or a PostgreSQL database
/// shared by several PCs. The store's code runs the same statements through either.
public protocol StoreEngine: Sendable {
  /// Which engine, for the statements that differ.
  var dialect: SQLDialect { get }
  /// How messages name the store: the file's path, or the server and database (never a password).
  var location: String { get }
  /// Runs `body` in a read-only transaction that sees one consistent state.
  func read<T>(_ body: (any SQLDatabase) throws -> T) throws -> T
  /// Runs `body` in a write transaction, in turn with every other writer on every PC, and commits
  /// durably before returning. A signing's housekeeping is left for ``afterReceipt()``.
  func write<T>(isSigning: Bool, _ body: (any SQLDatabase) throws -> T) throws -> T
  /// Runs `body` in a write transaction that touches only one parent session's own rows (its
  /// start, answers and end) and at most adds a version text if absent; never the ledger. An
  /// engine where writers from several PCs can run side by side need not queue it behind them.
  func writeOwnSession<T>(_ body: (any SQLDatabase) throws -> T) throws -> T
  /// Housekeeping that must not delay a parent, run once the receipt is on screen.
  func afterReceipt()
  /// Rebuilds the stored tables so rows deleted by an erasure leave no trace in the files.
  func scrub() throws
}
