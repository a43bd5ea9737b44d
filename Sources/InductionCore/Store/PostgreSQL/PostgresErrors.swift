import Foundation
import NIOCore
import NIOSSL
import PostgresNIO

/// Where an error happened, which decides what a parent is told: a connection lost before COMMIT
/// saved nothing, one lost during COMMIT may have saved it.
enum PostgresPhase {
  /// Connecting and logging in.
  case connecting
  /// A statement inside a transaction, or BEGIN.
  case statement
  /// COMMIT.
  case committing
}

/// The client's own deadline passed without an answer (a stopped server, a network black hole).
struct PostgresClientTimeout: Error {}

/// A statement the store passed that cannot run as written (a bug in the store's code).
struct PostgresStatementError: LocalizedError, Equatable {
  /// What is wrong with it.
  var reason: String
  var errorDescription: String? { "a database statement \(reason); this is a bug, so report it" }
}

/// Every PostgreSQL failure as one of a few kinds, and the kind as the `StoreError` a person reads.
/// The only place that looks at SQLSTATE codes and postgres-nio's error types.
enum PostgresFailure: Equatable {
  /// The connection cannot be used again: it was closed, killed, or the server shut down.
  case connectionLost
  /// No answer in time; the connection is closed.
  case timedOut
  /// The server refused the user or password.
  case loginRefused
  /// The database does not exist.
  case databaseMissing
  /// TLS could not be set up or the certificate was not trusted.
  case secureConnection
  /// The address asks for TLS and the server offers none.
  case noTLS
  /// The server could not be reached at all.
  case unreachable
  /// Another transaction held a lock too long, or a statement ran past `statement_timeout`.
  case busy
  /// The server's disk is full.
  case diskFull
  /// A constraint or the ledger's append-only trigger refused a change.
  case constraint(rule: String)
  /// The role lacks a privilege (insufficient_privilege).
  case notPermitted
  /// Any other error the server reported, by SQLSTATE; the connection is still usable.
  case server(sqlState: String)
  /// A column of a type the engine does not read.
  case unreadable(column: String, typeID: UInt32)

  /// The kind of `error`, thrown while `phase`.
  init(_ error: any Error, phase: PostgresPhase) {
    switch error {
    case is PostgresClientTimeout:
      self = .timedOut
    case let cell as PostgresValues.UnreadableCell:
      self = .unreadable(column: cell.column, typeID: cell.typeID)
    case let error as PSQLError:
      self = Self(error, phase: phase)
    default:
      self = phase == .connecting ? Self(connectFailure: error) : .connectionLost
    }
  }

  private init(_ error: PSQLError, phase: PostgresPhase) {
    switch error.code {
    case .server:
      self = Self(
        sqlState: error.serverInfo?[.sqlState] ?? "XX000",
        constraint: error.serverInfo?[.constraintName], message: error.serverInfo?[.message])
    case .sslUnsupported:
      self = .noTLS
    case .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
      self = .secureConnection
    case .authMechanismRequiresPassword, .saslError, .unsupportedAuthMechanism:
      self = .loginRefused
    case .connectionError:
      self =
        phase == .connecting ? Self(connectFailure: error.underlying ?? error) : .connectionLost
    default:
      self = phase == .connecting ? .unreachable : .connectionLost
    }
  }

  /// A failure to connect that is not the server's answer: TLS, or the address.
  private init(connectFailure error: any Error) {
    switch error {
    case is NIOSSLError, is NIOSSLExtraError, is BoringSSLError: self = .secureConnection
    default: self = .unreachable
    }
  }

  /// The kind of an error the server sent. Only the constraint's name or the primary message of
  /// a constraint error is kept: the detail can quote the values, which may be personal data.
  private init(sqlState: String, constraint: String?, message: String?) {
    switch sqlState {
    case "28P01", "28000": self = .loginRefused
    case "3D000": self = .databaseMissing
    // lock_not_available (lock_timeout) and query_canceled (statement_timeout).
    case "55P03", "57014": self = .busy
    case "53100": self = .diskFull
    case "42501": self = .notPermitted
    // admin_shutdown (pg_terminate_backend), crash_shutdown, cannot_connect_now,
    // idle_in_transaction_session_timeout: the server closes the session after sending these.
    case "57P01", "57P02", "57P03", "25P03": self = .connectionLost
    default:
      if sqlState.hasPrefix("08") {
        self = .connectionLost
      } else if sqlState.hasPrefix("23") {
        self = .constraint(rule: constraint ?? message ?? sqlState)
      } else {
        self = .server(sqlState: sqlState)
      }
    }
  }

  /// Whether the connection must be closed and made again before the next transaction.
  var dropsConnection: Bool {
    switch self {
    case .connectionLost, .timedOut, .unreachable, .secureConnection, .noTLS, .loginRefused,
      .databaseMissing:
      true
    case .busy, .diskFull, .constraint, .notPermitted, .server, .unreadable:
      false
    }
  }

  /// The sentence for `location`, thrown while `phase`.
  func storeError(_ location: PostgresLocation, phase: PostgresPhase) -> StoreError {
    let name = location.displayName
    switch self {
    case .connectionLost:
      return phase == .committing ? .commitUnknown(location: name) : .connectionLost(location: name)
    case .timedOut:
      switch phase {
      case .connecting: return .serverUnreachable(location: name)
      case .statement: return .serverNotResponding(location: name)
      case .committing: return .commitUnknown(location: name)
      }
    case .loginRefused:
      return .loginRefused(
        location: name, passwordSearch: location.password == nil ? location.passwordSearch : nil)
    case .databaseMissing: return .databaseMissing(location: name, database: location.database)
    case .secureConnection: return .secureConnectionFailed(location: name)
    case .noTLS: return .serverOffersNoTLS(location: name)
    case .unreachable: return .serverUnreachable(location: name)
    case .busy: return .busy(path: name)
    case .diskFull: return .diskFull(path: name)
    case .constraint(let rule): return .constraintViolated(path: name, rule: rule)
    case .notPermitted: return .notPermitted(location: name, role: location.user)
    case .server(let sqlState): return .serverFailed(location: name, sqlState: sqlState)
    case .unreadable(let column, let typeID):
      return .unreadableColumn(location: name, column: column, typeID: typeID)
    }
  }
}
