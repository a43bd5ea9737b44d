import Foundation
import InductionCore

extension GlobalOptions {
  /// The shared database's URL from `--database` or `INDUCTION_DATABASE_URL`, or nil for the SQLite
  /// file in the data folder.
  public var sharedDatabaseURL: String? {
    if let database, !database.isEmpty { return database }
    if let value = environment["INDUCTION_DATABASE_URL"], !value.isEmpty { return value }
    return nil
  }

  /// Whether the options name a shared PostgreSQL database.
  public var usesSharedDatabase: Bool { sharedDatabaseURL != nil }

  /// Opens the store these options name: the PostgreSQL database of `--database`, or the SQLite
  /// file in the data folder (refused on a network drive).
  public func openDatabase() throws -> AppDatabase {
    if let url = sharedDatabaseURL { return try Self.openShared(url, environment: environment) }
    let directory = dataDirectoryValue
    try NetworkFileSystem.check(directory.url.path, environment: environment)
    return try AppDatabase.open(at: directory.databaseURL)
  }

  /// Opens the PostgreSQL database at `url`, its password from the URL or the password file.
  public static func openShared(_ url: String, environment: [String: String]) throws
    -> AppDatabase
  {
    let location = try DatabaseURL.parse(
      url, environment: environment, homeDirectory: NSHomeDirectory())
    return AppDatabase(engine: try PostgresEngine.open(location))
  }
}
