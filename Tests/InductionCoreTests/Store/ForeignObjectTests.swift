import Foundation
import InductionCore
import TestSupport
import Testing

/// Someone who can change the database's schema adds a trigger that copies every name typed into a
/// hidden table: `verify` (through `foreignObjects`) names it, and `migrate` refuses such a target.
@Suite("Objects Induction did not create, on both engines")
struct ForeignObjectTests {
  @Test(arguments: TestEngine.available)
  func aStoreInductionMadeHoldsNothingForeign(engine: TestEngine) throws {
    let (builder, _) = try StoreTamperTests.ledger(engine)
    #expect(try builder.database.foreignObjects() == [])
  }

  @Test(arguments: TestEngine.available)
  func aTriggerCopyingNamesAndItsHiddenTableAreNamed(engine: TestEngine) throws {
    let (builder, _) = try StoreTamperTests.ledger(engine)
    try builder.database.addNameCopyingTrigger(engine: engine)
    let found = try builder.database.foreignObjects()
    #expect(found.contains("trigger copy_names on personal_details"), "\(found)")
    #expect(found.contains("table names_seen"), "\(found)")
    if engine == .postgres {
      #expect(found.contains("function keep_names"), "\(found)")
    }
  }

  @Test(arguments: TestEngine.available)
  func aRuleAndAPolicyAreNamedOnPostgres(engine: TestEngine) throws {
    guard engine == .postgres else { return }
    let (builder, _) = try StoreTamperTests.ledger(engine)
    try StoreTamperTests.tamper(
      builder.database,
      "CREATE RULE quiet_erase AS ON DELETE TO personal_details DO INSTEAD NOTHING")
    try StoreTamperTests.tamper(
      builder.database, "CREATE POLICY see_all ON acknowledged_child USING (true)")
    let found = try builder.database.foreignObjects()
    #expect(found.contains("rule quiet_erase on personal_details"), "\(found)")
    #expect(found.contains("policy see_all on acknowledged_child"), "\(found)")
  }

  @Test(arguments: TestEngine.available)
  func aMigrationIntoATargetHoldingATriggerCopiesNothing(engine: TestEngine) throws {
    let (source, _) = try StoreTamperTests.ledger(.sqlite)
    let target = try engine.makeDatabase()
    try target.addNameCopyingTrigger(engine: engine)
    #expect(throws: StoreCopy.Refusal.self) {
      try StoreCopy.copy(from: source.database, to: target)
    }
    #expect(try target.verifyLedger().entryCount == 0)
  }
}
