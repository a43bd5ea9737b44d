import Foundation
import GRDB
import TestSupport
import Testing

@testable import InductionCore

@Suite("PostgreSQL engine", .enabled(if: PostgresTestServer.shouldRun))
struct PostgresEngineTests {
  /// A migrated engine on a database of its own.
  private func freshEngine(statementTimeout: TimeInterval = 15) throws -> (
    PostgresEngine, PostgresLocation
  ) {
    let location = try PostgresTestServer.freshDatabase()
    return (try PostgresEngine.open(location, statementTimeout: statementTimeout), location)
  }

  @Test func everyKindOfValueReadsBackAsItWasWritten() throws {
    let (engine, _) = try freshEngine()
    let values: [[SQLValue]] = [
      [.integer(0), .real(0), .text(""), .blob(Data())],
      [.integer(.max), .real(-1.5e300), .text("Zoë 🎓 Łódź, Cymraeg: ŵŷ"), .blob(Data(0...255))],
      [.integer(.min), .real(0.1), .text("it's \"quoted\" \\ ?"), .blob(Data([0, 0, 0]))],
      [.null, .null, .null, .null],
    ]
    try engine.write(isSigning: false) { db in
      try db.execute(
        sql: "CREATE TABLE value_kinds (n BIGINT, i BIGINT, r DOUBLE PRECISION, t TEXT, b BYTEA)")
      for (index, row) in values.enumerated() {
        try db.execute(
          sql: "INSERT INTO value_kinds (n, i, r, t, b) VALUES (?, ?, ?, ?, ?)",
          arguments: [index] + row)
      }
    }
    let rows = try engine.read { db in
      try SQLRow.fetchAll(db, sql: "SELECT i, r, t, b FROM value_kinds ORDER BY n")
    }
    #expect(rows.map(\.values) == values)
    #expect(rows.first?.columns.names == ["i", "r", "t", "b"])
    let decoded = try engine.read { db in
      try SQLRow.fetchOne(db, sql: "SELECT t, b FROM value_kinds WHERE n = ?", arguments: [1])
    }
    #expect(try decoded?.decode("t", as: String.self) == "Zoë 🎓 Łódź, Cymraeg: ŵŷ")
    #expect(try decoded?.decode("b", as: Data.self) == Data(0...255))
  }

  @Test func serverTypesComeBackAsTheValuesSQLiteGives() throws {
    let (engine, _) = try freshEngine()
    let row = try engine.read { db in
      try SQLRow.fetchOne(
        db,
        sql: """
          SELECT true, false, 7::int2, 8::int4, 9::oid, 1.5::float4, 'v'::varchar, 'c'::char(2),
            'n'::name, COUNT(*), SUM(g), AVG(g), NULL::text
          FROM generate_series(1, 4) AS g
          """)
    }
    #expect(
      row?.values == [
        .integer(1), .integer(0), .integer(7), .integer(8), .integer(9), .real(1.5), .text("v"),
        .text("c "), .text("n"), .integer(4), .integer(10), .real(2.5), .null,
      ])
  }

  @Test func numericIsAnIntegerWithoutDecimalPlacesAndARealOtherwise() throws {
    let (engine, _) = try freshEngine()
    let cases: [(String, SQLValue)] = [
      ("0", .integer(0)), ("-42", .integer(-42)), ("10000", .integer(10_000)),
      ("100.000", .real(100)), ("123456789012345678", .integer(123_456_789_012_345_678)),
      ("9223372036854775807", .integer(.max)), ("-9223372036854775808", .integer(.min)),
      ("9223372036854775808", .real(9_223_372_036_854_775_808)), ("1.5", .real(1.5)),
      ("-0.00012", .real(-0.00012)), ("12345.6789", .real(12345.6789)),
      ("0.0000000001", .real(1e-10)), ("'NaN'", .real(.nan)),
      ("(SELECT AVG(g) FROM generate_series(1, 3) AS g)", .real(2)),
      ("(SELECT SUM(g) FROM generate_series(1, 3) AS g)", .integer(6)),
    ]
    for (literal, expected) in cases {
      let value = try engine.read { db in
        try SQLRow.fetchOne(db, sql: "SELECT \(literal)::numeric")?.values[0]
      }
      if case .real(let real) = expected, real.isNaN {
        guard case .real(let got) = value, got.isNaN else {
          Issue.record("\(literal) read as \(String(describing: value))")
          continue
        }
      } else {
        #expect(value == expected, "\(literal)")
      }
    }
  }

  @Test func placeholdersAreNumberedAndQuotedQuestionMarksLeftAlone() throws {
    let (engine, _) = try freshEngine()
    let row = try engine.read { db in
      try SQLRow.fetchOne(
        db, sql: "SELECT '?' AS quoted, ? AS first, 'a''?' AS doubled, ? AS second",
        arguments: [1, "two"])
    }
    #expect(row?.values == [.text("?"), .integer(1), .text("a'?"), .text("two")])
    try engine.write(isSigning: false) { db in
      try db.execute(
        sql:
          "CREATE TABLE pairs (a BIGINT, b TEXT); INSERT INTO pairs VALUES (?, ?); INSERT INTO pairs VALUES (?, '?');",
        arguments: [1, "x", 2])
    }
    let pairs = try engine.read { db in
      try SQLRow.fetchAll(db, sql: "SELECT a, b FROM pairs ORDER BY a").map(\.values)
    }
    #expect(pairs == [[.integer(1), .text("x")], [.integer(2), .text("?")]])
  }

  @Test func aWrongNumberOfArgumentsIsRefusedBeforeTheServerSeesIt() throws {
    let (engine, _) = try freshEngine()
    #expect(throws: PostgresStatementError.self) {
      try engine.read { db in try db.fetchAll(sql: "SELECT ?, ?", arguments: [1]) }
    }
    #expect(try engine.read { db in try Int.fetchOne(db, sql: "SELECT 1") } == 1)
  }

  @Test func twoCursorsCanBeReadInTurnInOneTransaction() throws {
    let (engine, _) = try freshEngine()
    let merged = try engine.read { db -> [Int64] in
      let odd = try db.fetchCursor(
        sql: "SELECT g FROM generate_series(1, 9, 2) AS g WHERE g > ? ORDER BY g", arguments: [0])
      let even = try db.fetchCursor(
        sql: "SELECT g FROM generate_series(2, 10, 2) AS g ORDER BY g", arguments: [])
      var values: [Int64] = []
      while let a = try odd.next(), let b = try even.next() {
        values.append(try a.decode(atIndex: 0))
        values.append(try b.decode(atIndex: 0))
      }
      #expect(try odd.next() == nil)
      #expect(try even.next() == nil)
      return values
    }
    #expect(merged == Array(1...10))
  }

  @Test func aCursorReadsTenThousandRowsInOrder() throws {
    let (engine, _) = try freshEngine()
    let (count, inOrder, empty) = try engine.read { db in
      let cursor = try db.fetchCursor(
        sql: "SELECT g, 'row ' || g AS label FROM generate_series(1, ?) AS g ORDER BY g",
        arguments: [10_000])
      var count: Int64 = 0
      var inOrder = true
      while let row = try cursor.next() {
        count += 1
        let number = try row.decode("g", as: Int64.self)
        let label = try row.decode("label", as: String.self)
        inOrder = inOrder && number == count && label == "row \(count)"
      }
      let empty = try db.fetchCursor(
        sql: "SELECT 1 WHERE false", arguments: [])
      return (count, inOrder, try empty.next() == nil)
    }
    #expect(count == 10_000)
    #expect(inOrder)
    #expect(empty)
  }

  @Test func writersOnTwoConnectionsTakeTurnsSoNumbersStayContiguous() throws {
    let (first, location) = try freshEngine()
    let second = try PostgresEngine.open(location)
    try first.write(isSigning: false) { db in try db.execute(sql: "CREATE TABLE numbers (x BIGINT)")
    }
    let engines = [first, second]
    let failures = NSLock()
    nonisolated(unsafe) var errors: [any Error] = []
    DispatchQueue.concurrentPerform(iterations: 4) { thread in
      for _ in 0..<50 {
        do {
          try engines[thread % 2].write(isSigning: true) { db in
            try db.execute(
              sql: "INSERT INTO numbers (x) SELECT COALESCE(MAX(x), 0) + 1 FROM numbers")
          }
        } catch {
          failures.withLock { errors.append(error) }
        }
      }
    }
    #expect(errors.isEmpty, "\(errors)")
    let row = try first.read { db in
      try SQLRow.fetchOne(
        db, sql: "SELECT COUNT(*), COUNT(DISTINCT x), MIN(x), MAX(x) FROM numbers")
    }
    #expect(row?.values == [.integer(200), .integer(200), .integer(1), .integer(200)])
  }

  @Test func aReadSeesOneSnapshotWhileAnotherPCWrites() throws {
    let (reader, location) = try freshEngine()
    let writer = try PostgresEngine.open(location)
    try writer.write(isSigning: false) { db in
      try db.execute(sql: "CREATE TABLE notes (x BIGINT); INSERT INTO notes VALUES (1)")
    }
    let (before, after) = try reader.read { db in
      let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notes")
      try writer.write(isSigning: false) { db in try db.execute(sql: "INSERT INTO notes VALUES (2)")
      }
      let after = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notes")
      return (before, after)
    }
    #expect(before == 1)
    #expect(after == 1)
    #expect(try reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notes") } == 2)
  }

  @Test func aReadOnlyTransactionRefusesWrites() throws {
    let (engine, location) = try freshEngine()
    #expect(throws: StoreError.serverFailed(location: location.displayName, sqlState: "25006")) {
      try engine.read { db in try db.execute(sql: "CREATE TABLE nope (x BIGINT)") }
    }
  }

  @Test func sessionSettingsAreSetOnEveryConnection() throws {
    let (engine, _) = try freshEngine()
    let settings = try engine.read { db in
      try SQLRow.fetchOne(
        db,
        sql: """
          SELECT current_setting('statement_timeout'), current_setting('lock_timeout'),
            current_setting('idle_in_transaction_session_timeout'),
            current_setting('synchronous_commit'), current_setting('application_name'),
            current_setting('client_encoding')
          """)?.values
    }
    #expect(
      settings == [
        .text("15s"), .text("10s"), .text("1min"), .text("on"), .text("induction"), .text("UTF8"),
      ])
  }

  @Test func theSchemaHasSQLitesTablesAndColumnsInTheSameOrder() throws {
    let (engine, _) = try freshEngine()
    let sqlite = try DatabaseQueue()
    try SQLiteMigrations.migrator.migrate(sqlite)
    let expected: [String: [String]] = try sqlite.read { db in
      var tables: [String: [String]] = [:]
      let names = try String.fetchAll(
        db,
        sql:
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'"
      )
      for name in names {
        tables[name] = try String.fetchAll(
          db, sql: "SELECT name FROM pragma_table_info('\(name)') ORDER BY cid")
      }
      return tables
    }
    let actual: [String: [String]] = try engine.read { db in
      let rows = try SQLRow.fetchAll(
        db,
        sql: """
          SELECT table_name::text, column_name::text FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name <> 'schema_migrations'
            AND column_name <> 'insertion_order'
          ORDER BY table_name, ordinal_position
          """)
      return try Dictionary(grouping: rows) { try $0.decode(atIndex: 0, as: String.self) }
        .mapValues { try $0.map { try $0.decode(atIndex: 1, as: String.self) } }
    }
    #expect(actual == expected)
    #expect(expected["ledger"]?.last == "shown_statement_sha256")
    let orderColumns = try engine.read { db in
      try String.fetchAll(
        db,
        sql:
          "SELECT table_name::text FROM information_schema.columns WHERE column_name = 'insertion_order' ORDER BY 1"
      )
    }
    #expect(orderColumns == ["guidance_version", "statement_version", "translation_version"])
  }

  @Test func migrationsAreRecordedOnceAndReopeningChangesNothing() throws {
    let (engine, location) = try freshEngine()
    let identifiers = {
      try engine.read { db in
        try String.fetchAll(db, sql: "SELECT identifier FROM schema_migrations ORDER BY identifier")
      }
    }
    let expected = [
      "v1", "v10-signed-roster-links", "v11-web-sessions", "v12-quiz-answer-flags", "v2-staff",
      "v3-roster", "v4-key-trust",
      "v5-visible-match-keys", "v6-languages", "v7-web", "v8-invitations", "v9-folded-match-keys",
    ]
    #expect(try identifiers() == expected)
    let appliedAt = try PostgresTestServer.psql(
      location, "SELECT string_agg(applied_at, ',') FROM schema_migrations")
    _ = try PostgresEngine.open(location)
    _ = try PostgresEngine.open(location)
    #expect(try identifiers() == expected)
    #expect(
      try PostgresTestServer.psql(
        location, "SELECT string_agg(applied_at, ',') FROM schema_migrations")
        == appliedAt)
  }

  @Test func twoPCsOpeningANewDatabaseAtOnceMigrateItOnce() throws {
    let location = try PostgresTestServer.freshDatabase()
    let errors = NSLock()
    nonisolated(unsafe) var failures: [any Error] = []
    DispatchQueue.concurrentPerform(iterations: 3) { _ in
      do { _ = try PostgresEngine.open(location) } catch {
        errors.withLock { failures.append(error) }
      }
    }
    #expect(failures.isEmpty, "\(failures)")
    #expect(
      try PostgresTestServer.psql(location, "SELECT COUNT(*) FROM schema_migrations")
        == "\(PostgresMigrations.all.count)\n")
  }

  @Test func aDatabaseFromANewerVersionIsRefusedAndLeftAlone() throws {
    let (_, location) = try freshEngine()
    try PostgresTestServer.psql(
      location,
      "INSERT INTO schema_migrations VALUES ('v99-from-the-future', '2030-01-01T00:00:00.000Z')")
    let snapshot = """
      SELECT (SELECT string_agg(identifier || applied_at, ',' ORDER BY identifier) FROM schema_migrations)
        || (SELECT string_agg(table_name || '.' || column_name, ',' ORDER BY table_name, column_name)
            FROM information_schema.columns WHERE table_schema = 'public')
      """
    let before = try PostgresTestServer.psql(location, snapshot)
    #expect(throws: StoreError.newerSchema(path: location.displayName)) {
      try PostgresEngine.open(location)
    }
    #expect(try PostgresTestServer.psql(location, snapshot) == before)
  }

  @Test func aDatabaseThatDoesNotStoreUTF8IsRefusedUnchanged() throws {
    var location = try PostgresTestServer.server()
    location.database = "induction_test_ascii_" + UUID().uuidString.prefix(8).lowercased()
    try PostgresTestServer.psql(
      try PostgresTestServer.server(),
      "CREATE DATABASE \(location.database) ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"
    )
    #expect(throws: StoreError.notUTF8(location: location.displayName, encoding: "SQL_ASCII")) {
      try PostgresEngine.open(location)
    }
    #expect(
      try PostgresTestServer.psql(location, "SELECT to_regclass('schema_migrations') IS NULL")
        == "t\n")
  }

  @Test func theLedgerRefusesUpdateDeleteAndTruncate() throws {
    let (engine, location) = try freshEngine()
    try engine.write(isSigning: true) { db in
      try db.execute(
        sql: "INSERT INTO signing_key (id, public_key, created_at) VALUES (?, ?, ?)",
        arguments: ["k1", Data(repeating: 1, count: 32), "2026-01-01T00:00:00.000Z"])
      try db.execute(
        sql: """
          INSERT INTO ledger (seq, kind, recorded_at, station, mode, guidance_sha256,
            statement_sha256, scenario_count, first_try_correct, attempt_count, transcript_sha256,
            pii_commitment, subject_seq, note, prev_hash, entry_hash, signature, key_id, reference,
            subject_key)
          VALUES (1, 'genesis', ?, 'office', 'admin', '', '', 0, 0, 0, '', '', NULL, '', ?, ?, ?,
            'k1', 'REF-1', ?)
          """,
        arguments: [
          "2026-01-01T00:00:00.000Z", Data(count: 32), Data(repeating: 2, count: 32),
          Data(repeating: 3, count: 64), Data(repeating: 1, count: 32),
        ])
    }
    let refused = StoreError.constraintViolated(
      path: location.displayName, rule: "the ledger is append-only")
    for statement in [
      "UPDATE ledger SET note = 'changed'", "DELETE FROM ledger", "TRUNCATE ledger CASCADE",
    ] {
      #expect(throws: refused, "\(statement)") {
        try engine.write(isSigning: false) { db in try db.execute(sql: statement) }
      }
    }
    let note = try engine.read { db in try String.fetchOne(db, sql: "SELECT note FROM ledger") }
    #expect(note == "")
  }

  @Test func aBrokenRuleIsReportedByNameAndTheConnectionStaysUsable() throws {
    let (engine, location) = try freshEngine()
    let insert = "INSERT INTO staff_lockout (id, failures) VALUES (1, 0)"
    try engine.write(isSigning: false) { db in try db.execute(sql: insert) }
    #expect(
      throws: StoreError.constraintViolated(path: location.displayName, rule: "staff_lockout_pkey")
    ) {
      try engine.write(isSigning: false) { db in try db.execute(sql: insert) }
    }
    #expect(
      try engine.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM staff_lockout") } == 1
    )
  }

  @Test func aWriteThatCarriesOnAfterAFailedStatementIsNotReportedAsSaved() throws {
    let (engine, _) = try freshEngine()
    #expect(throws: PostgresStatementError.self) {
      try engine.write(isSigning: false) { db in
        try db.execute(sql: "INSERT INTO staff_lockout (id, failures) VALUES (1, 0)")
        _ = try? db.execute(sql: "INSERT INTO staff_lockout (id, failures) VALUES (1, 0)")
      }
    }
    #expect(
      try engine.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM staff_lockout") } == 0
    )
  }

  @Test func aTransactionInsideAnotherStopsTheProgramInsteadOfHanging() async {
    await #expect(processExitsWith: .signal(SIGILL)) {
      let engine = try PostgresEngine.open(try PostgresTestServer.freshDatabase())
      try engine.write(isSigning: false) { _ in try engine.read { _ in } }
    }
  }

  @Test func aStatementPastTheTimeoutIsReportedAsBusy() throws {
    let (engine, location) = try freshEngine(statementTimeout: 1)
    #expect(throws: StoreError.busy(path: location.displayName)) {
      try engine.read { db in try db.execute(sql: "SELECT pg_sleep(3)") }
    }
    #expect(try engine.read { db in try Int.fetchOne(db, sql: "SELECT 1") } == 1)
  }

  @Test func aWriterKeptWaitingTooLongByAnotherPCIsToldTheStoreIsBusy() throws {
    let (holder, location) = try freshEngine()
    let waiter = try PostgresEngine.open(location)
    let holding = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    let finished = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      _ = try? holder.write(isSigning: true) { _ in
        holding.signal()
        release.wait()
      }
      finished.signal()
    }
    holding.wait()
    let started = Date()
    #expect(throws: StoreError.busy(path: location.displayName)) {
      try waiter.write(isSigning: true) { _ in }
    }
    #expect(Date().timeIntervalSince(started) >= 9)
    release.signal()
    finished.wait()
    try waiter.write(isSigning: true) { db in try db.execute(sql: "CREATE TABLE after (x BIGINT)") }
  }

  @Test func aReadAfterTheConnectionWasKilledConnectsAgain() throws {
    let (engine, location) = try freshEngine()
    let pid = try engine.read { db in try Int.fetchOne(db, sql: "SELECT pg_backend_pid()") }
    try PostgresTestServer.psql(location, "SELECT pg_terminate_backend(\(pid ?? 0))")
    let newPid = try engine.read { db in try Int.fetchOne(db, sql: "SELECT pg_backend_pid()") }
    #expect(newPid != nil)
    #expect(newPid != pid)
  }

  /// Killed just before the next statement, and killed long enough before it that the client
  /// has seen the connection close (which once made it connect again mid-transaction).
  @Test(arguments: [false, true])
  func aWriteWhoseConnectionIsKilledSavesNothingAndTheNextOneWorks(waitForTheClose: Bool) throws {
    let (engine, location) = try freshEngine()
    try engine.write(isSigning: false) { db in try db.execute(sql: "CREATE TABLE marks (x BIGINT)")
    }
    #expect(throws: StoreError.connectionLost(location: location.displayName)) {
      try engine.write(isSigning: true) { db in
        try db.execute(sql: "INSERT INTO marks VALUES (1)")
        let pid = try Int.fetchOne(db, sql: "SELECT pg_backend_pid()")
        try PostgresTestServer.psql(location, "SELECT pg_terminate_backend(\(pid ?? 0), 5000)")
        if waitForTheClose { Thread.sleep(forTimeInterval: 0.5) }
        try db.execute(sql: "INSERT INTO marks VALUES (2)")
      }
    }
    try engine.write(isSigning: true) { db in try db.execute(sql: "INSERT INTO marks VALUES (3)") }
    let marks = try engine.read { db in try Int.fetchAll(db, sql: "SELECT x FROM marks") }
    #expect(marks == [3])
    #expect(
      StoreError.connectionLost(location: location.displayName).localizedDescription
        == "the connection to the database server \(location.displayName) was lost and nothing was saved; try again"
    )
  }

  @Test(.enabled(if: Self.serverIsLocalAndSignallable))
  func aServerThatStopsAnsweringDoesNotHangTheKiosk() throws {
    let (engine, location) = try freshEngine(statementTimeout: 1)
    let pid = try engine.read { db in try Int.fetchOne(db, sql: "SELECT pg_backend_pid()") } ?? 0
    #expect(kill(pid_t(pid), SIGSTOP) == 0)
    defer { kill(pid_t(pid), SIGCONT) }
    let started = Date()
    #expect(throws: StoreError.serverNotResponding(location: location.displayName)) {
      try engine.read { db in try db.execute(sql: "SELECT 1") }
    }
    #expect(Date().timeIntervalSince(started) < 10)
    kill(pid_t(pid), SIGCONT)
    #expect(try engine.read { db in try Int.fetchOne(db, sql: "SELECT 1") } == 1)
  }

  /// Whether the server runs on this machine as a user this test may signal.
  static var serverIsLocalAndSignallable: Bool {
    guard let host = try? PostgresTestServer.server().host else { return false }
    return ["127.0.0.1", "localhost", "::1"].contains(host) && getuid() == 0
  }

  @Test func aClosedPortIsReportedPlainlyWithoutThePassword() throws {
    var location = try PostgresTestServer.server()
    location.port = 1
    location.password = "s3cret-Pa55word"
    do {
      _ = try PostgresEngine.open(location, connectTimeout: 2)
      Issue.record("connected to a closed port")
    } catch let error as StoreError {
      #expect(error == .serverUnreachable(location: location.displayName))
      let message = error.localizedDescription
      #expect(
        message
          == "cannot reach the database server \(location.displayName); check it is running and the address is right"
      )
      #expect(!message.contains("s3cret"))
      #expect(!"\(error)".contains("s3cret"))
    }
  }

  @Test func aServerThatAcceptsButNeverAnswersIsGivenUpOn() throws {
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(listener) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(listener, $0, length) == 0 && listen(listener, 4) == 0
          && getsockname(listener, $0, &length) == 0
      }
    }
    #expect(bound)
    let location = PostgresLocation(
      host: "127.0.0.1", port: Int(UInt16(bigEndian: address.sin_port)), user: "induction",
      database: "induction")
    let started = Date()
    #expect(throws: StoreError.serverUnreachable(location: location.displayName)) {
      try PostgresEngine.open(location, connectTimeout: 1)
    }
    #expect(Date().timeIntervalSince(started) < 4)
  }

  @Test func tlsIsUsedAsTheAddressAsksAndAnUntrustedCertificateIsRefused() throws {
    var location = try PostgresTestServer.freshDatabase()
    let serverHasTLS = try PostgresTestServer.psql(location, "SHOW ssl") == "on\n"
    location.sslMode = .require
    if serverHasTLS {
      let engine = try PostgresEngine.open(location)
      let encrypted = try engine.read { db in
        try Int.fetchOne(db, sql: "SELECT ssl::int FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
      }
      #expect(encrypted == 1)
      // A test server's certificate is its own, not one the system trusts.
      location.sslMode = .verifyFull
      #expect(throws: StoreError.secureConnectionFailed(location: location.displayName)) {
        try PostgresEngine.open(location)
      }
    } else {
      // A server without TLS is named as such, with the sslmode that asked for it.
      #expect(location.displayName.hasSuffix("?sslmode=require"))
      #expect(throws: StoreError.serverOffersNoTLS(location: location.displayName)) {
        try PostgresEngine.open(location)
      }
    }
  }

  @Test func anUnknownUserIsReportedAsARefusedLogin() throws {
    var location = try PostgresTestServer.server()
    location.user = "nobody_" + UUID().uuidString.prefix(8).lowercased()
    location.password = "s3cret-Pa55word"
    #expect(throws: StoreError.loginRefused(location: location.displayName)) {
      try PostgresEngine.open(location)
    }
    #expect(
      StoreError.loginRefused(location: location.displayName).localizedDescription
        == "the database server \(location.displayName) refused the login; check the user and password (PGPASSFILE / ~/.pgpass)"
    )
    #expect(!location.displayName.contains("s3cret"))
  }

  @Test func aMissingDatabaseIsNamed() throws {
    var location = try PostgresTestServer.server()
    location.database = "induction_missing_" + UUID().uuidString.prefix(8).lowercased()
    #expect(
      throws: StoreError.databaseMissing(
        location: location.displayName, database: location.database)
    ) {
      try PostgresEngine.open(location)
    }
  }

  /// Runs where `INDUCTION_TEST_PASSWORD_URL` names a role the server checks the password of
  /// (CI's cluster trusts every local login, so it cannot refuse a wrong one).
  @Test(.enabled(if: ProcessInfo.processInfo.environment["INDUCTION_TEST_PASSWORD_URL"] != nil))
  func aWrongPasswordIsReportedAsARefusedLogin() throws {
    let url = URLComponents(
      string: ProcessInfo.processInfo.environment["INDUCTION_TEST_PASSWORD_URL"]!)!
    let location = PostgresLocation(
      host: url.host!, port: url.port ?? 5432, user: url.user!, password: "wrong-Pa55word",
      database: String(url.path.dropFirst()))
    do {
      _ = try PostgresEngine.open(location)
      Issue.record("logged in with a wrong password")
    } catch let error as StoreError {
      #expect(error == .loginRefused(location: location.displayName))
      #expect(!error.localizedDescription.contains("wrong-Pa55word"))
    }
  }
}

@Suite("PostgreSQL engine statements")
struct PostgresEngineStatementTests {
  @Test func placeholdersAreNumberedOutsideQuotesAndComments() throws {
    let statements = try PostgresStatement.split(
      """
      SELECT ?, '?', "a?b", E'\\'?', $$ ? ; $$, $tag$ ?; $tag$ -- ? ;
      FROM t /* ? ; /* ? */ */ WHERE x = ? AND y = $1;
      """)
    #expect(statements.count == 1)
    #expect(
      statements.first?.sql
        == """
        SELECT $1, '?', "a?b", E'\\'?', $$ ? ; $$, $tag$ ?; $tag$ -- ? ;
        FROM t /* ? ; /* ? */ */ WHERE x = $2 AND y = $1
        """)
    #expect(statements.first?.placeholderCount == 2)
  }

  @Test func aScriptIsCutIntoStatementsEachNumberedFromOne() throws {
    let statements = try PostgresStatement.split(
      "INSERT INTO a VALUES (?, ?); ; -- nothing\nUPDATE b SET c = ?;  \n")
    #expect(
      statements == [
        PostgresStatement(sql: "INSERT INTO a VALUES ($1, $2)", placeholderCount: 2),
        PostgresStatement(sql: " -- nothing\nUPDATE b SET c = $1", placeholderCount: 1),
      ])
  }

  @Test func aNumberedPlaceholderIsRefused() {
    #expect(throws: PostgresStatementError.self) { try PostgresStatement.split("SELECT ?1, ?2") }
  }

  @Test func aDoubledQuoteDoesNotEndAString() throws {
    let statements = try PostgresStatement.split("SELECT 'it''s ?; fine', ?")
    #expect(
      statements == [PostgresStatement(sql: "SELECT 'it''s ?; fine', $1", placeholderCount: 1)])
  }
}
