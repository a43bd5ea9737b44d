import Foundation

/// The data folder: the database and the signing key, private to the user running Induction.
public struct DataDirectory: Sendable {
  /// The folder.
  public let url: URL

  /// Uses `url` as the data folder.
  public init(url: URL) { self.url = url }

  /// `--data-dir`, else `INDUCTION_DATA_DIR`, else `/var/lib/induction` for the installed
  /// package's `induction` user (``InstalledLayout``), else `$XDG_DATA_HOME/induction`, else
  /// `~/.local/share/induction`.
  public static func resolve(
    option: String?, environment: [String: String], userName: String? = InstalledLayout.userName()
  ) -> DataDirectory {
    if let option, !option.isEmpty { return DataDirectory(url: URL(fileURLWithPath: option)) }
    if let value = environment["INDUCTION_DATA_DIR"], !value.isEmpty {
      return DataDirectory(url: URL(fileURLWithPath: value))
    }
    if userName == InstalledLayout.user {
      return DataDirectory(url: URL(fileURLWithPath: InstalledLayout.dataDirectory))
    }
    if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
      return DataDirectory(url: URL(fileURLWithPath: xdg).appendingPathComponent("induction"))
    }
    let home = environment["HOME"] ?? NSHomeDirectory()
    return DataDirectory(
      url: URL(fileURLWithPath: home).appendingPathComponent(".local/share/induction"))
  }

  /// The SQLite database.
  public var databaseURL: URL { url.appendingPathComponent("induction.sqlite") }
  /// The installation's private signing key.
  public var signingKeyURL: URL { url.appendingPathComponent("signing-key") }

  /// Creates the folder (mode 0700) if needed and checks it can be written.
  public func prepare() throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else { throw StoreError.dataDirectoryUnusable(path: url.path) }
      // Take away what group and others may do, but never give the owner back a right that staff
      // removed on purpose (a folder made read-only stays read-only and is refused below).
      var status = stat()
      if stat(url.path, &status) == 0 { chmod(url.path, status.st_mode & 0o700) }
    } else {
      do {
        try FileManager.default.createDirectory(
          at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      } catch {
        throw StoreError.dataDirectoryUnusable(path: url.path)
      }
    }
    guard access(url.path, W_OK | X_OK) == 0 else {
      throw StoreError.dataDirectoryUnusable(path: url.path)
    }
  }
}
