import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to the server, used from the calling thread: the program is synchronous, so each
/// statement waits for its future, with a deadline. Not thread-safe: the engine holds its lock
/// around every use. A dropped or dead connection is made again by the next transaction.
final class PostgresSession {
  let location: PostgresLocation
  private let group: MultiThreadedEventLoopGroup
  private let configuration: PostgresConnection.Configuration
  private let connectDeadline: TimeAmount
  private let statementDeadline: TimeAmount
  private var connection: PostgresConnection?
  private var nextCursor = 0
  private var connectionCount = 0
  private var isInTransaction = false
  /// Statements sent on this session's connections so far, each a round trip to the server.
  private(set) var statementCount = 0

  /// postgres-nio logs nothing: the terminal belongs to the kiosk, and queries hold personal data.
  private let logger = Logger(
    label: "induction.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

  init(_ location: PostgresLocation, connectTimeout: TimeInterval, statementTimeout: TimeInterval)
    throws
  {
    self.location = location
    var configuration = PostgresConnection.Configuration(
      host: location.host, port: location.port, username: location.user,
      password: location.password, database: location.database,
      tls: try Self.tls(location))
    configuration.options.connectTimeout = .milliseconds(Int64(connectTimeout * 1000))
    // Session settings travel in the startup message, so every connection, including one made
    // again after a restart, has them before its first statement.
    configuration.options.additionalStartupParameters = [
      ("application_name", "induction"),
      ("client_encoding", "UTF8"),
      ("statement_timeout", String(Int(statementTimeout * 1000))),
      ("lock_timeout", "10000"),
      ("idle_in_transaction_session_timeout", "60000"),
      // Explicit, whatever the server's default: a receipt is shown only once the server has
      // made the COMMIT durable.
      ("synchronous_commit", "on"),
      // Compiling a query with LLVM costs about 0.3 s of an export and only pays back on analytic
      // work far larger than a school's (measured with induction-bench at 100,000 rows).
      ("jit", "off"),
    ]
    self.configuration = configuration
    // The server's own timeouts end slow statements; this deadline, a little later, is for a
    // server that stops answering altogether, so a kiosk cannot hang.
    connectDeadline = .milliseconds(Int64((connectTimeout + 1) * 1000))
    statementDeadline = .milliseconds(Int64((statementTimeout + 5) * 1000))
    group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
  }

  deinit {
    close()
    try? group.syncShutdownGracefully()
  }

  private static func tls(_ location: PostgresLocation) throws
    -> PostgresConnection.Configuration.TLS
  {
    var tls = TLSConfiguration.makeClientConfiguration()
    switch location.sslMode {
    case .disable:
      return .disable
    case .require:
      tls.certificateVerification = .none
    case .verifyFull:
      // Full verification against the system's roots. postgres-nio names the host for SNI and
      // the check unless it is an IP address, which NIOSSL checks against the certificate's IP
      // addresses instead.
      tls.certificateVerification = .fullVerification
    }
    do {
      return .require(try NIOSSLContext(configuration: tls))
    } catch {
      throw StoreError.secureConnectionFailed(location: location.displayName)
    }
  }

  /// A cursor name not used before on this connection.
  func cursorName() -> String {
    nextCursor += 1
    return "induction_cursor_\(nextCursor)"
  }

  /// Whether a connection is open, as far as the client knows.
  var isConnected: Bool { connection.map { !$0.isClosed } ?? false }

  /// Runs one statement with `$n` placeholders, connecting first if needed. Failures come out as
  /// `StoreError`s; one that leaves the connection unusable closes it.
  func run(_ sql: String, _ arguments: [any SQLValueConvertible], phase: PostgresPhase) throws
    -> [SQLRow]
  {
    let result = try query(sql, arguments, phase: phase)
    do {
      return try PostgresValues.rows(result.rows)
    } catch {
      throw failure(error, phase: phase)
    }
  }

  /// Commits, and makes sure the server did: PostgreSQL answers COMMIT with ROLLBACK, not an
  /// error, when a statement of the transaction failed and the store carried on regardless.
  func commit() throws {
    let result = try query("COMMIT", [], phase: .committing)
    guard result.metadata.command == "COMMIT" else {
      throw PostgresStatementError(
        reason: "failed earlier in the transaction, so nothing was saved")
    }
  }

  private func query(_ sql: String, _ arguments: [any SQLValueConvertible], phase: PostgresPhase)
    throws -> PostgresQueryResult
  {
    let connection = try connected()
    statementCount += 1
    let query = PostgresQuery(unsafeSQL: sql, binds: PostgresValues.bindings(arguments))
    do {
      return try wait(connection.query(query, logger: logger), deadline: statementDeadline)
    } catch {
      throw failure(error, phase: phase)
    }
  }

  /// Starts a transaction with `sql`, connecting first if needed. If the connection turns out to
  /// have died since it was last used, connects again and starts it once more: nothing has been
  /// done yet that could be lost.
  func begin(_ sql: String) throws {
    isInTransaction = false
    do {
      _ = try run(sql, [], phase: .statement)
    } catch StoreError.connectionLost(_) {
      _ = try run(sql, [], phase: .statement)
    }
    isInTransaction = true
  }

  /// Marks the transaction over, after COMMIT or ROLLBACK, so the next one may connect again.
  func end() { isInTransaction = false }

  /// The error to throw for `error`, closing the connection when it cannot be used again.
  func failure(_ error: any Error, phase: PostgresPhase) -> any Error {
    if error is StoreError || error is PostgresStatementError { return error }
    let failure = PostgresFailure(error, phase: phase)
    if failure.dropsConnection { close() }
    return failure.storeError(location, phase: phase)
  }

  /// Closes the connection, without waiting for a server that may not answer.
  func close() {
    guard let connection else { return }
    self.connection = nil
    // The completion handler keeps the connection alive until its channel has closed:
    // postgres-nio expects a connection to be closed before it is released.
    connection.close().whenComplete { _ in _ = connection }
  }

  private func connected() throws -> PostgresConnection {
    if let connection, !connection.isClosed { return connection }
    close()
    // A new connection in the middle of a transaction would run the rest of it outside any
    // transaction, committing each statement on its own. COMMIT was not sent: nothing was saved.
    guard !isInTransaction else {
      throw PostgresFailure.connectionLost.storeError(location, phase: .statement)
    }
    connectionCount += 1
    let future = PostgresConnection.connect(
      on: group.next(), configuration: configuration, id: connectionCount, logger: logger)
    do {
      let connection = try wait(future, deadline: connectDeadline)
      self.connection = connection
      nextCursor = 0
      return connection
    } catch {
      // A connection that arrives after the deadline is closed, not leaked.
      future.whenSuccess { connection in connection.close().whenComplete { _ in _ = connection } }
      throw PostgresFailure(error, phase: .connecting).storeError(location, phase: .connecting)
    }
  }

  /// The future's value, or `PostgresClientTimeout` once `deadline` has passed.
  private func wait<T: Sendable>(_ future: EventLoopFuture<T>, deadline: TimeAmount) throws -> T {
    let promise = future.eventLoop.makePromise(of: T.self)
    future.cascade(to: promise)
    let timer = future.eventLoop.scheduleTask(in: deadline) {
      promise.fail(PostgresClientTimeout())
    }
    future.whenComplete { _ in timer.cancel() }
    return try promise.futureResult.wait()
  }
}
