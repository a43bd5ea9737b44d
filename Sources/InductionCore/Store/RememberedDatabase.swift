import Foundation

/// The shared database a data folder was set up with, kept in `database.conf` in the folder (mode
/// 0600) by `induction setup --database URL` or by the first command given `--database`. Later
/// commands on the PC use it without the flag, so a PC set up for a server never starts a second,
/// local ledger of its own by accident.
///
/// The file holds the URL without a password (``PostgresLocation/urlWithoutPassword``): the
/// password belongs in `~/.pgpass`, which only its owner may read. One line of the form
/// `database = URL`; lines starting with `#` and blank lines are ignored.
public struct RememberedDatabase: Sendable {
  /// The file's name in the data folder.
  public static let fileName = "database.conf"

  /// The file.
  public let file: URL

  /// The setting of `directory`.
  public init(_ directory: DataDirectory) {
    file = directory.url.appendingPathComponent(Self.fileName)
  }

  /// The URL the folder was set up with, nil when it was set up for no shared database.
  /// - Throws: ``RememberedDatabaseError`` when the file is there but cannot be read or does not
  ///   name one database, so that nothing falls back to a local ledger.
  public func url() throws -> String? {
    let text: String
    do {
      text = try String(contentsOf: file, encoding: .utf8)
    } catch {
      var status = stat()
      if lstat(file.path, &status) != 0 && errno == ENOENT { return nil }
      throw RememberedDatabaseError.unreadable(path: file.path)
    }
    var found: String?
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let line = rawLine.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      let parts = line.split(separator: "=", maxSplits: 1).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard found == nil, parts.count == 2, parts[0] == "database",
        let location = try? DatabaseURL.location(from: parts[1]), location.password == nil
      else {
        throw RememberedDatabaseError.damaged(path: file.path, line: index + 1)
      }
      found = location.urlWithoutPassword
    }
    guard let found else { throw RememberedDatabaseError.damaged(path: file.path, line: 1) }
    return found
  }

  /// Remembers `url` for the folder (which must exist), replacing what it remembered: written
  /// privately beside the file and renamed over it, mode 0600.
  /// - Returns: the URL as written, without its password, and whether `url` had one (which then
  ///   belongs in `~/.pgpass`).
  @discardableResult
  public func remember(_ url: String) throws -> (url: String, droppedPassword: Bool) {
    let location = try DatabaseURL.location(from: url)
    let written = location.urlWithoutPassword
    let text = """
      # The shared database this data folder was set up with (induction setup --database URL).
      # Every command here uses it; its password, if it needs one, is in ~/.pgpass.
      database = \(written)

      """
    let temporary = file.deletingLastPathComponent().appendingPathComponent(
      ".\(Self.fileName).\(UUID().uuidString)")
    guard
      FileManager.default.createFile(
        atPath: temporary.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]),
      rename(temporary.path, file.path) == 0
    else {
      try? FileManager.default.removeItem(at: temporary)
      throw StoreError.cannotWrite(path: file.path)
    }
    return (written, location.password != nil)
  }

  /// Whether `given` names the database `remembered` names (the password and spelling aside).
  public static func sameDatabase(_ given: String, _ remembered: String) -> Bool {
    guard let given = try? DatabaseURL.location(from: given),
      let remembered = try? DatabaseURL.location(from: remembered)
    else { return false }
    return given.urlWithoutPassword == remembered.urlWithoutPassword
  }
}

/// Why the database a data folder remembers cannot be used. Only the command line sets up a data
/// folder, so only it says these (`CommandLineMessage` in InductionTerminal).
public enum RememberedDatabaseError: Error, Equatable {
  /// The file is there but cannot be read.
  case unreadable(path: String)
  /// A line of the file is not `database = URL` (without a password), or it names none.
  case damaged(path: String, line: Int)
  /// The command was given another shared database than the one the folder was set up with.
  case otherDatabase(path: String, remembered: String, given: String)
  /// The command would open the data folder's local ledger, which is not this folder's record.
  case localLedger(path: String, remembered: String)
}
