import Testing

@testable import InductionCore

@Suite("ErasureReliance: missing details blamed on the entry that lost them")
struct ErasureRelianceTests {
  @Test func aDamagedErasureThatAloneExcusedAnEntryIsReportedAtThatEntry() {
    var reliance = ErasureReliance()
    reliance.record(seq: 5, position: 5, erasures: [9])
    let report = VerificationReport(
      entryCount: 9, damage: LedgerDamage(seq: 9, kind: .badSignature))
    #expect(
      reliance.attributed(report)
        == VerificationReport(
          entryCount: 5, damage: LedgerDamage(seq: 5, kind: .missingPersonalDetails)))
  }

  @Test func anEarlierSoundErasureKeepsTheReportAsItIs() {
    var reliance = ErasureReliance()
    reliance.record(seq: 5, position: 5, erasures: [7, 9])
    let report = VerificationReport(
      entryCount: 9, damage: LedgerDamage(seq: 9, kind: .badSignature))
    #expect(reliance.attributed(report) == report)
  }

  /// Entries ruled ahead of the damage (the next window is read while signatures are checked)
  /// were never reached by a verifier going entry by entry, so they excuse nothing.
  @Test func entriesRecordedAfterTheDamagedOneAreNotCounted() {
    var reliance = ErasureReliance()
    reliance.record(seq: 40, position: 40, erasures: [9])
    let report = VerificationReport(
      entryCount: 9, damage: LedgerDamage(seq: 9, kind: .badSignature))
    #expect(reliance.attributed(report) == report)
  }
}
