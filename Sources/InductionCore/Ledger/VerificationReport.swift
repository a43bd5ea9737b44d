/// The result of verifying the whole ledger.
public struct VerificationReport: Sendable, Equatable {
  /// How many entries were checked.
  public var entryCount: Int
  /// The first damage found, or `nil` when every entry is sound.
  public var damage: LedgerDamage?

  /// Creates a report.
  public init(entryCount: Int, damage: LedgerDamage?) {
    self.entryCount = entryCount
    self.damage = damage
  }
}
