import Foundation
import InductionCore
import InductionTerminal
import TestSupport
import Testing

@Suite("Doctor: nothing in the database that induction did not create")
struct DatabaseTrustCheckTests {
  @Test func aStoreInductionMadeIsOK() throws {
    let builder = try LedgerBuilder(database: AppDatabase.inMemory())
    #expect(
      DatabaseTrustCheck.check(builder.database) == [
        .ok("the database holds nothing induction did not create")
      ])
  }

  @Test func aTriggerSomeoneAddedIsAProblemNamingIt() throws {
    // Given a store with a trigger that copies each parent's name into a table of its own
    let builder = try LedgerBuilder(database: AppDatabase.inMemory())
    try builder.database.addNameCopyingTrigger(engine: .sqlite)
    // Then doctor names both, and says what to do
    #expect(
      DatabaseTrustCheck.check(builder.database) == [
        .problem(
          "the database holds what induction did not create (table names_seen, trigger copy_names on personal_details)",
          fix: "find out who added it and remove it, then run induction verify")
      ])
  }

  @Test(.enabled(if: PostgresTestServer.shouldRun))
  func aPCConnectedAsTheTablesOwnerIsAProblem() throws {
    // Given a PC that connects to the shared database as the role that owns its tables
    let location = try PostgresTestServer.freshDatabase()
    let database = AppDatabase(engine: try PostgresEngine.open(location))
    // Then doctor says that role could add triggers, and how to use a day-to-day role instead
    let findings = DatabaseTrustCheck.check(database)
    #expect(findings.first == .ok("the database holds nothing induction did not create"))
    #expect(findings.count == 2)
    #expect(
      findings.last?.text
        == "this PC connects as \(location.user), which may add triggers to induction's tables")
    #expect(findings.last?.fix?.contains("induction grant") == true)
  }
}
