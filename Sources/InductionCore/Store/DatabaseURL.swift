import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads `--database URL` (or `INDUCTION_DATABASE_URL`): where the shared PostgreSQL store is.
///
/// The accepted form is `postgres://user[:password]@host[:port]/database[?sslmode=MODE]`, with
/// `postgresql://` as a synonym:
/// - user, host and database are required; user, password, host and database may be
///   percent-encoded (`%40` for `@`);
/// - the host is a name, an IPv4 address or an IPv6 address in brackets (`[::1]`);
/// - the port is 5432 unless given;
/// - `sslmode` is `disable`, `require` or `verify-full`, and is the only parameter taken.
///
/// Without `sslmode`, a server on this PC (`localhost`, `127.x.x.x`, `::1`) is reached without
/// TLS, since the connection never leaves the PC, and any other server with `verify-full`: the
/// certificate must be trusted and name the host, so that parents' records and the password
/// cannot be read or changed on the school network by anyone who can pretend to be the server.
/// A school whose server has no certificate must say `sslmode=disable` (or `require`) itself.
/// (libpq's own default, `prefer`, quietly falls back to no TLS at all.)
///
/// When the URL has no password, the libpq password file gives it (see ``PasswordFile``).
///
/// No error ever shows the password: URLs in messages have it replaced by `***`.
public enum DatabaseURL {
  /// An example of the accepted form, for messages and help.
  public static let example =
    "postgres://induction@db.school.lan:5432/induction?sslmode=verify-full"

  /// The location `text` names, with the password from the password file when the URL has none.
  ///
  /// - Parameters:
  ///   - text: the URL, from `--database` or `INDUCTION_DATABASE_URL`.
  ///   - environment: the process environment (`PGPASSFILE` names the password file).
  ///   - homeDirectory: the user's home folder, where `.pgpass` is by default.
  /// - Throws: ``DatabaseURLError``, one sentence that never holds the password.
  public static func parse(_ text: String, environment: [String: String], homeDirectory: String)
    throws -> PostgresLocation
  {
    var location = try location(from: text)
    if location.password == nil {
      let path = PasswordFile.path(environment: environment, homeDirectory: homeDirectory)
      location.password = try PasswordFile.password(for: location, path: path)
      if location.password == nil {
        let named = environment["PGPASSFILE"].map { !$0.isEmpty } ?? false ? " (PGPASSFILE)" : ""
        location.passwordSearch =
          FileManager.default.fileExists(atPath: path)
          ? "the password file \(path) has no line for \(location.passwordFileKey)"
          : "the password file \(path)\(named) does not exist"
      }
    }
    return location
  }

  /// The location `text` names, as written (no password file is read).
  static func location(from text: String) throws -> PostgresLocation {
    guard let rest = afterScheme(text) else { throw DatabaseURLError.notPostgres }
    let shown = redacted(text)

    // The last @ ends the user and password, so a password with an unencoded / ? or # still
    // works; the same rule decides what redacted(_:) hides, so no part of a password can end up
    // in the host, port or database of a message.
    guard let at = rest.lastIndex(of: "@") else { throw DatabaseURLError.missingUser(url: shown) }
    let userInfo = rest[..<at]
    let afterUser = rest[rest.index(after: at)...]

    let userText: Substring
    let passwordText: Substring?
    if let colon = userInfo.firstIndex(of: ":") {
      userText = userInfo[..<colon]
      passwordText = userInfo[userInfo.index(after: colon)...]
    } else {
      userText = userInfo
      passwordText = nil
    }
    let user = try decode(userText, part: .user, url: shown)
    guard !user.isEmpty else { throw DatabaseURLError.missingUser(url: shown) }
    // An empty password is no password, as in libpq: the password file is asked instead.
    let password = try passwordText.map { try decode($0, part: .password, url: shown) }

    let queryStart = afterUser.firstIndex(of: "?")
    let beforeQuery = afterUser[..<(queryStart ?? afterUser.endIndex)]
    let slash = beforeQuery.firstIndex(of: "/")
    let hostPort = beforeQuery[..<(slash ?? beforeQuery.endIndex)]
    let (host, port) = try hostAndPort(hostPort, url: shown)

    guard let slash else { throw DatabaseURLError.missingDatabase(url: shown) }
    let database = try decode(
      beforeQuery[beforeQuery.index(after: slash)...], part: .database, url: shown)
    guard !database.isEmpty else { throw DatabaseURLError.missingDatabase(url: shown) }

    var sslMode: PostgresLocation.SSLMode?
    if let queryStart {
      sslMode = try self.sslMode(afterUser[afterUser.index(after: queryStart)...], url: shown)
    }

    return PostgresLocation(
      host: host, port: port, user: user, password: password?.isEmpty == false ? password : nil,
      database: database, sslMode: sslMode ?? defaultSSLMode(host: host))
  }

  /// `text` fit to show: the password replaced by `***`, the parameters left out.
  ///
  /// Works on any text, URL or not, so messages may quote what was given.
  public static func redacted(_ text: String) -> String {
    guard let schemeEnd = text.range(of: "://") else { return text.contains("@") ? "***" : text }
    var rest = text[schemeEnd.upperBound...]
    var shown = String(text[..<schemeEnd.upperBound])
    // Parameters are left out as they may carry secrets too (libpq takes ?password=).
    if let at = rest.lastIndex(of: "@") {
      let userInfo = rest[..<at]
      if let colon = userInfo.firstIndex(of: ":") {
        shown += userInfo[..<colon] + ":***@"
      } else {
        shown += userInfo + "@"
      }
      rest = rest[rest.index(after: at)...]
      if let question = rest.firstIndex(of: "?") { rest = rest[..<question] }
      return shown + rest
    }
    if let question = rest.firstIndex(of: "?") { rest = rest[..<question] }
    // Without an @, user:password/database (the host forgotten) would read as host:port; anything
    // after a colon that is not a port number is hidden in case it is a password.
    let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
    let authority = rest[..<authorityEnd]
    let hostEnd = authority.hasPrefix("[") ? authority.firstIndex(of: "]") : authority.startIndex
    if let hostEnd, let colon = authority[hostEnd...].firstIndex(of: ":"),
      !authority[authority.index(after: colon)...].allSatisfy({ $0.isASCII && $0.isNumber })
    {
      return shown + authority[...colon] + "***" + rest[authorityEnd...]
    }
    return shown + rest
  }

  /// The part after `postgres://` or `postgresql://` (the scheme in any case), or nil.
  private static func afterScheme(_ text: String) -> Substring? {
    for scheme in ["postgres://", "postgresql://"] {
      if text.prefix(scheme.count).lowercased() == scheme { return text.dropFirst(scheme.count) }
    }
    return nil
  }

  private static func hostAndPort(_ text: Substring, url: String) throws -> (String, Int) {
    let host: String
    let portText: Substring?
    if text.hasPrefix("[") {
      guard let close = text.firstIndex(of: "]") else {
        throw DatabaseURLError.invalidHost(url: url)
      }
      host = String(text[text.index(after: text.startIndex)..<close])
      guard isIPv6(host) else { throw DatabaseURLError.invalidHost(url: url) }
      let after = text[text.index(after: close)...]
      if after.isEmpty {
        portText = nil
      } else if after.hasPrefix(":") {
        portText = after.dropFirst()
      } else {
        throw DatabaseURLError.invalidHost(url: url)
      }
    } else {
      // An IPv6 address without brackets cannot be told from a host and port.
      guard text.filter({ $0 == ":" }).count <= 1 else {
        throw DatabaseURLError.invalidHost(url: url)
      }
      let colon = text.firstIndex(of: ":")
      let hostText = text[..<(colon ?? text.endIndex)]
      guard !hostText.isEmpty else { throw DatabaseURLError.missingHost(url: url) }
      host = try decode(hostText, part: .host, url: url)
      guard isHostName(host) else { throw DatabaseURLError.invalidHost(url: url) }
      portText = colon.map { text[text.index(after: $0)...] }
    }
    guard let portText else { return (host, 5432) }
    guard portText.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(portText),
      (1...65535).contains(port)
    else { throw DatabaseURLError.invalidPort(url: url) }
    return (host, port)
  }

  /// A DNS name or IPv4 address: letters, digits, `-`, `_` and `.` (no commas: one host only).
  private static func isHostName(_ host: String) -> Bool {
    !host.isEmpty
      && host.unicodeScalars.allSatisfy {
        $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0))
      }
  }

  private static func isIPv6(_ text: String) -> Bool {
    var address = in6_addr()
    return inet_pton(AF_INET6, text, &address) == 1
  }

  private static func sslMode(_ query: Substring, url: String) throws -> PostgresLocation.SSLMode? {
    var mode: PostgresLocation.SSLMode?
    for parameter in query.split(separator: "&", omittingEmptySubsequences: true) {
      let equals = parameter.firstIndex(of: "=")
      let name = String(parameter[..<(equals ?? parameter.endIndex)])
      guard name == "sslmode" else {
        // The name only: a value may be a secret (libpq takes ?password=).
        throw DatabaseURLError.unknownParameter(
          url: url, name: name.removingPercentEncoding ?? name)
      }
      let value =
        try equals.map {
          try decode(parameter[parameter.index(after: $0)...], part: .sslMode, url: url)
        } ?? ""
      guard mode == nil else { throw DatabaseURLError.repeatedParameter(url: url, name: name) }
      guard let known = PostgresLocation.SSLMode(rawValue: value) else {
        throw DatabaseURLError.unknownSSLMode(url: url, value: value)
      }
      mode = known
    }
    return mode
  }

  /// `disable` for a server on this PC, `verify-full` for any other (see the type's comment).
  static func defaultSSLMode(host: String) -> PostgresLocation.SSLMode {
    isLoopback(host) ? .disable : .verifyFull
  }

  private static func isLoopback(_ host: String) -> Bool {
    let lowered = host.lowercased()
    if lowered == "localhost" || lowered == "localhost." { return true }
    var v4 = in_addr()
    if inet_pton(AF_INET, host, &v4) == 1 {
      return UInt32(bigEndian: v4.s_addr) >> 24 == 127
    }
    var v6 = in6_addr()
    var loopback = in6_addr()
    guard inet_pton(AF_INET6, host, &v6) == 1, inet_pton(AF_INET6, "::1", &loopback) == 1 else {
      return false
    }
    return withUnsafeBytes(of: &v6) { a in
      withUnsafeBytes(of: &loopback) { b in a.elementsEqual(b) }
    }
  }

  /// Percent-decodes one part; bad escapes, bytes that are not UTF-8 and NULs are refused.
  private static func decode(_ text: Substring, part: DatabaseURLError.Part, url: String) throws
    -> String
  {
    var bytes: [UInt8] = []
    var index = text.utf8.startIndex
    let utf8 = text.utf8
    while index < utf8.endIndex {
      let byte = utf8[index]
      if byte == UInt8(ascii: "%") {
        let high = utf8.index(after: index)
        guard high < utf8.endIndex else { throw DatabaseURLError.badEncoding(url: url, part: part) }
        let low = utf8.index(after: high)
        guard low < utf8.endIndex, let h = hexValue(utf8[high]), let l = hexValue(utf8[low]) else {
          throw DatabaseURLError.badEncoding(url: url, part: part)
        }
        bytes.append(h << 4 | l)
        index = utf8.index(after: low)
      } else {
        bytes.append(byte)
        index = utf8.index(after: index)
      }
    }
    guard !bytes.contains(0), let decoded = String(validating: bytes, as: UTF8.self) else {
      throw DatabaseURLError.badEncoding(url: url, part: part)
    }
    return decoded
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}

/// Why `--database` (or `INDUCTION_DATABASE_URL`) or its password file cannot be used, as one
/// plain sentence; none ever holds the password.
public enum DatabaseURLError: LocalizedError, Equatable, Sendable {
  /// A part of the URL that may be percent-encoded.
  public enum Part: String, Sendable {
    /// The user name.
    case user = "user name"
    /// The password.
    case password
    /// The host.
    case host
    /// The database name.
    case database = "database name"
    /// The `sslmode` value.
    case sslMode = "sslmode"
  }

  /// Not a `postgres://` or `postgresql://` URL (a file path, another database's URL).
  case notPostgres
  /// No user before the `@`.
  case missingUser(url: String)
  /// No host after the `@`.
  case missingHost(url: String)
  /// The host is neither a name, an IPv4 address nor a bracketed IPv6 address.
  case invalidHost(url: String)
  /// The port is not a number from 1 to 65535.
  case invalidPort(url: String)
  /// No database after the host.
  case missingDatabase(url: String)
  /// A `%` not followed by two hex digits, or what it decodes to is not text.
  case badEncoding(url: String, part: Part)
  /// A parameter other than `sslmode`.
  case unknownParameter(url: String, name: String)
  /// A parameter given twice.
  case repeatedParameter(url: String, name: String)
  /// An `sslmode` other than `disable`, `require` or `verify-full`.
  case unknownSSLMode(url: String, value: String)
  /// The password file may be read or written by others than its owner.
  case passwordFileOpenToOthers(path: String)
  /// The password file is not a file, or cannot be read.
  case passwordFileUnreadable(path: String)

  /// The sentence shown.
  public var errorDescription: String? {
    switch self {
    case .notPostgres:
      "a shared database is named by a PostgreSQL URL such as \(DatabaseURL.example); leave it out to use the SQLite file in the data folder"
    case .missingUser(let url):
      "the database URL \(url) names no user; write it as \(DatabaseURL.example)"
    case .missingHost(let url):
      "the database URL \(url) names no host; write it as \(DatabaseURL.example)"
    case .invalidHost(let url):
      "the host in the database URL \(url) is not a host name or address (an IPv6 address goes in brackets, as in [::1])"
    case .invalidPort(let url):
      "the port in the database URL \(url) must be a number from 1 to 65535"
    case .missingDatabase(let url):
      "the database URL \(url) names no database; write it as \(DatabaseURL.example)"
    case .badEncoding(let url, let part):
      "the \(part.rawValue) in the database URL \(url) has a % that is not followed by two hex digits of UTF-8 text (write % itself as %25)"
    case .unknownParameter(let url, let name):
      "the database URL \(url) has a parameter \(name) that induction does not take; the only one it takes is sslmode"
    case .repeatedParameter(let url, let name):
      "the database URL \(url) gives \(name) more than once; give it once"
    case .unknownSSLMode(let url, let value):
      "sslmode=\(value) in the database URL \(url) is not one induction takes; use disable, require or verify-full"
    case .passwordFileOpenToOthers(let path):
      "the password file \(path) may be read by other users of this PC, so induction will not use it; run chmod 600 \(PasswordFile.shellQuoted(path)) so that only its owner can read it"
    case .passwordFileUnreadable(let path):
      "cannot read the password file \(path); check it is a file this user may read, or point PGPASSFILE at another"
    }
  }
}
