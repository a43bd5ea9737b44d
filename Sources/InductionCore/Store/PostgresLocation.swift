import Foundation

/// Where a shared PostgreSQL store is, as read from `--database` or `INDUCTION_DATABASE_URL`.
public struct PostgresLocation: Sendable, Equatable {
  /// How the connection is protected.
  public enum SSLMode: String, Sendable, CaseIterable {
    /// No TLS (a server on this PC or a private network only).
    case disable
    /// TLS, without checking the server's certificate.
    case require
    /// TLS, checking the certificate against the system's trusted roots and the host name.
    case verifyFull = "verify-full"
  }

  /// The server's host name or address.
  public var host: String
  /// The server's port.
  public var port: Int
  /// The user to log in as.
  public var user: String
  /// The password, from the URL or a password file; never shown.
  public var password: String?
  /// The database.
  public var database: String
  /// TLS.
  public var sslMode: SSLMode
  /// Where a password was looked for and not found (`the password file F has no line for …`), so a
  /// refused login can say it; nil when one was given.
  public var passwordSearch: String?

  /// A location.
  public init(
    host: String, port: Int = 5432, user: String, password: String? = nil, database: String,
    sslMode: SSLMode = .disable
  ) {
    self.host = host
    self.port = port
    self.user = user
    self.password = password
    self.database = database
    self.sslMode = sslMode
  }

  /// How messages name it: `postgres://user@host:port/database`, with its `sslmode` unless that
  /// is `disable`, never with the password.
  public var displayName: String {
    "postgres://\(user)@\(host):\(port)/\(database)"
      + (sslMode == .disable ? "" : "?sslmode=\(sslMode.rawValue)")
  }

  /// The line of a password file that would give this location's password.
  public var passwordFileKey: String { "\(host):\(port):\(database):\(user)" }

  /// The URL `--database` takes for it, without the password (which belongs in `~/.pgpass`):
  /// `postgres://user@host:port/database?sslmode=MODE`, the user and database percent-encoded
  /// where they need to be. What a data folder remembers and what hints print.
  public var urlWithoutPassword: String {
    let unreserved = CharacterSet(
      charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
    func encoded(_ text: String) -> String {
      text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
    let shownHost = host.contains(":") ? "[\(host)]" : host
    return
      "postgres://\(encoded(user))@\(shownHost):\(port)/\(encoded(database))?sslmode=\(sslMode.rawValue)"
  }
}
