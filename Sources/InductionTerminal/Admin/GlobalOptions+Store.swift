import Foundation
import InductionCore

extension GlobalOptions {
  /// The shared database's URL as given to this command, from `--database` or
  /// `INDUCTION_DATABASE_URL`; nil when none was given (see ``databaseURL()`` for the one used).
  public var givenDatabaseURL: String? {
    if let database, !database.isEmpty { return database }
    if let value = environment["INDUCTION_DATABASE_URL"], !value.isEmpty { return value }
    return nil
  }

  /// The shared database this command uses: the one given, else the one the data folder was set
  /// up with (``RememberedDatabase``); nil for the SQLite file in the data folder.
  /// - Throws: ``RememberedDatabaseError`` when the folder remembers a database it cannot name,
  ///   or another one than the one given.
  public func databaseURL() throws -> String? {
    let remembered = try RememberedDatabase(dataDirectoryValue).url()
    guard let given = givenDatabaseURL else { return remembered }
    if let remembered, !RememberedDatabase.sameDatabase(given, remembered) {
      throw RememberedDatabaseError.otherDatabase(
        path: RememberedDatabase(dataDirectoryValue).file.path, remembered: remembered,
        given: given)
    }
    return given
  }

  /// Opens the store these options name: the PostgreSQL database given or remembered, or the
  /// SQLite file in the data folder (refused on a network drive). A database given to a folder
  /// that remembers none is remembered once it has opened, without its password; `note` is told
  /// when a password was left out.
  public func openDatabase(note: (String) -> Void = { _ in }) throws -> AppDatabase {
    let directory = dataDirectoryValue
    guard let url = try databaseURL() else { return try Self.openLocal(directory, environment) }
    let database = try Self.openShared(url, environment: environment)
    let remembered = RememberedDatabase(directory)
    if try remembered.url() == nil, FileManager.default.fileExists(atPath: directory.url.path) {
      if try remembered.remember(url).droppedPassword {
        note(Self.passwordNote(remembered))
      }
    }
    return database
  }

  /// The SQLite file of `directory`, refused when the folder was set up for a shared database.
  public static func openLocal(_ directory: DataDirectory, _ environment: [String: String]) throws
    -> AppDatabase
  {
    let remembered = RememberedDatabase(directory)
    if let url = try remembered.url() {
      throw RememberedDatabaseError.localLedger(path: remembered.file.path, remembered: url)
    }
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

  /// What to say when a URL's password was left out of `remembered`.
  public static func passwordNote(_ remembered: RememberedDatabase) -> String {
    "the password in the database URL was not saved in \(remembered.file.path); put it in ~/.pgpass (a line host:port:database:user:password, mode 0600) so that later commands can log in"
  }
}
