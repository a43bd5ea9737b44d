import Foundation
import InductionCore
import InductionTerminal
import TestSupport
import Testing

/// `verify` at the admin prompt: a sound ledger is ok; a store holding a trigger Induction did not
/// create is not, however sound its ledger.
@Suite("Admin verify")
struct AdminVerifyTests {
  @Test func aTriggerSomeoneAddedFailsVerifyAndIsNamed() throws {
    // Given a sound ledger that someone with the database file has added a copying trigger to
    let builder = try AdminPromptTests.seeded()
    try builder.database.addNameCopyingTrigger(engine: .default)
    let admin = try AdminTestSession(lines: ["verify"], builder: builder)

    // When the admin checks it
    admin.run()

    // Then verify says no ok, and names the trigger and its table, and what to do
    #expect(!admin.output.text.contains("ok:"), "\(admin.output.text)")
    let error = admin.errors.text.replacingOccurrences(of: "\n", with: " ")
    #expect(error.contains("trigger copy_names on personal_details"), "\(error)")
    #expect(error.contains("table names_seen"), "\(error)")
    #expect(error.contains("remove it"), "\(error)")
  }
}
