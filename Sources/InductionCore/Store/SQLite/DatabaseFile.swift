import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The SQLite database file and its `-wal` and `-shm`, checked before SQLite opens them as the
/// signing key is checked: each must be this user's own regular file, with one name, readable by
/// nobody else. A link planted in the data folder (a symbolic link, or a hard link to a file
/// someone else can read) would otherwise send the next parent's names into that file.
enum DatabaseFile {
  /// Throws ``StoreError/databaseFileUnsafe(path:reason:)`` for the first of the three files that
  /// exists and may not be used; a file not there yet is made by SQLite, private to this user.
  /// Without `mode`, a file readable by others passes: it is checked after the file has been seen
  /// to be a database, so a damaged one is reported as damaged.
  static func check(_ databasePath: String, mode: Bool = true) throws {
    for path in [databasePath, databasePath + "-wal", databasePath + "-shm"] {
      var info = stat()
      guard lstat(path, &info) == 0 else { continue }
      if let reason = problem(info, path: path, mode: mode) {
        throw StoreError.databaseFileUnsafe(path: path, reason: reason)
      }
    }
  }

  /// Why the file `info` describes may not be used, or nil.
  private static func problem(_ info: stat, path: String, mode: Bool) -> String? {
    switch info.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFLNK:
      return
        "is a symbolic link, which could point anywhere; replace it with the file itself (restore the database from a backup)"
    default: return "is not a regular file; restore the database from a backup"
    }
    if info.st_uid != geteuid() {
      return
        "belongs to another user; run induction as the user who owns it, or give it to this user with chown"
    }
    if info.st_nlink != 1 {
      return
        "has another name (a hard link), so another file shares what it holds; replace it with a copy of its own (cp, then remove the other name)"
    }
    if mode && info.st_mode & 0o077 != 0 {
      return
        "can be read by other users (mode 0\(String(info.st_mode & 0o777, radix: 8))); make it private with: chmod 600 \(path)"
    }
    return nil
  }
}
