import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The libpq password file, which keeps the PostgreSQL password out of the command line and the
/// environment: `PGPASSFILE` if set, else `~/.pgpass`.
///
/// Each line is `hostname:port:database:username:password`; `*` alone matches anything in the
/// first four fields, `\:` and `\\` stand for `:` and `\`, lines starting with `#` are comments,
/// and the first matching line wins, as in libpq. A missing file is no password. A file other
/// users may read or change is refused (libpq only warns and skips it, which leaves the school
/// wondering why the password is not taken).
public enum PasswordFile {
  /// Where the password file is: `PGPASSFILE` if set and not empty, else `.pgpass` in the home
  /// folder.
  public static func path(environment: [String: String], homeDirectory: String) -> String {
    if let file = environment["PGPASSFILE"], !file.isEmpty { return file }
    return (homeDirectory as NSString).appendingPathComponent(".pgpass")
  }

  /// The password the file at `path` gives for `location`, or nil if there is no file or no line
  /// matches.
  ///
  /// - Throws: ``DatabaseURLError/passwordFileOpenToOthers(path:)`` if group or others have any
  ///   access to it, ``DatabaseURLError/passwordFileUnreadable(path:)`` if it is not a file or
  ///   cannot be read.
  public static func password(for location: PostgresLocation, path: String) throws -> String? {
    var status = stat()
    guard stat(path, &status) == 0 else {
      if errno == ENOENT || errno == ENOTDIR { return nil }
      throw DatabaseURLError.passwordFileUnreadable(path: path)
    }
    guard status.st_mode & S_IFMT == S_IFREG else {
      throw DatabaseURLError.passwordFileUnreadable(path: path)
    }
    guard status.st_mode & 0o077 == 0 else {
      throw DatabaseURLError.passwordFileOpenToOthers(path: path)
    }
    guard let contents = FileManager.default.contents(atPath: path) else {
      throw DatabaseURLError.passwordFileUnreadable(path: path)
    }
    return password(for: location, in: contents)
  }

  /// The password `contents` (a password file) gives for `location`, or nil.
  static func password(for location: PostgresLocation, in contents: Data) -> String? {
    let wanted = [location.host, String(location.port), location.database, location.user].map {
      Array($0.utf8)
    }
    for var line in contents.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
      while line.last == UInt8(ascii: "\r") { line = line.dropLast() }
      if line.isEmpty || line.first == UInt8(ascii: "#") { continue }
      var rest = line[...]
      var matches = true
      for field in wanted {
        guard let after = matchField(rest, field) else {
          matches = false
          break
        }
        rest = after
      }
      if matches { return unescapedPassword(rest) }
    }
    return nil
  }

  /// What follows the field at the start of `line` if it matches `token` (or is `*`), else nil.
  private static func matchField(_ line: Data.SubSequence, _ token: [UInt8]) -> Data.SubSequence? {
    let colon = UInt8(ascii: ":")
    let backslash = UInt8(ascii: "\\")
    if line.starts(with: [UInt8(ascii: "*"), colon]) { return line.dropFirst(2) }
    var index = line.startIndex
    var value: [UInt8] = []
    while index < line.endIndex {
      var byte = line[index]
      if byte == colon { return value == token ? line[line.index(after: index)...] : nil }
      if byte == backslash, line.index(after: index) < line.endIndex {
        index = line.index(after: index)
        byte = line[index]
      }
      value.append(byte)
      index = line.index(after: index)
    }
    // A line that ends inside the first four fields has no password to give.
    return nil
  }

  /// The password field: up to an unescaped `:` (libpq ignores anything after one), unescaped.
  private static func unescapedPassword(_ field: Data.SubSequence) -> String {
    var bytes: [UInt8] = []
    var index = field.startIndex
    while index < field.endIndex {
      var byte = field[index]
      if byte == UInt8(ascii: ":") { break }
      if byte == UInt8(ascii: "\\"), field.index(after: index) < field.endIndex {
        index = field.index(after: index)
        byte = field[index]
      }
      bytes.append(byte)
      index = field.index(after: index)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// `path` as one shell word, for the `chmod` a message tells the user to run.
  static func shellQuoted(_ path: String) -> String {
    let plain = path.unicodeScalars.allSatisfy {
      $0.isASCII
        && (CharacterSet.alphanumerics.contains($0) || "/._-+~,@%=".unicodeScalars.contains($0))
    }
    if plain && !path.isEmpty { return path }
    return "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
