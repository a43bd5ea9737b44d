import Foundation
import InductionCore
import TestSupport
import Testing

/// The PostgreSQL server the store's tests use is there (in CI always: `.ci/run` starts one, and
/// without it this fails rather than skips).
@Suite("The tests' PostgreSQL server", .enabled(if: PostgresTestServer.shouldRun))
struct PostgresTestServerTests {
  @Test func aFreshDatabaseTakesATableAndGivesItBack() throws {
    let location = try PostgresTestServer.freshDatabase()
    defer {
      _ = try? PostgresTestServer.psql(
        try PostgresTestServer.server(), "DROP DATABASE \(location.database)")
    }
    #expect(location.database.hasPrefix("induction_test_"))
    #expect(
      try PostgresTestServer.psql(
        location, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "0\n")

    try PostgresTestServer.psql(
      location,
      "CREATE TABLE acknowledgement (id integer PRIMARY KEY, parent text NOT NULL); INSERT INTO acknowledgement VALUES (1, 'Zoë Jones'), (2, 'Siân Evans')"
    )
    #expect(
      try PostgresTestServer.psql(location, "SELECT id, parent FROM acknowledgement ORDER BY id")
        == "1|Zoë Jones\n2|Siân Evans\n")
  }

  @Test func eachTestGetsADatabaseOfItsOwn() throws {
    let first = try PostgresTestServer.freshDatabase()
    let second = try PostgresTestServer.freshDatabase()
    defer {
      for location in [first, second] {
        _ = try? PostgresTestServer.psql(
          try PostgresTestServer.server(), "DROP DATABASE \(location.database)")
      }
    }
    #expect(first.database != second.database)
    try PostgresTestServer.psql(first, "CREATE TABLE only_in_first (id integer)")
    #expect(
      try PostgresTestServer.psql(
        second, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_first'")
        == "0\n")
  }

  @Test func theServerKeepsCommitsDurable() throws {
    // The store's crash tests mean something only if a commit reaches the disk.
    let server = try PostgresTestServer.server()
    #expect(try PostgresTestServer.psql(server, "SHOW fsync") == "on\n")
    #expect(try PostgresTestServer.psql(server, "SHOW synchronous_commit") == "on\n")
  }
}
