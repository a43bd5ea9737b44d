/// The entries whose personal details `verify` found missing and let pass only because erasure
/// entries later in the ledger name them. Those erasures are checked later; should the first damage
/// found be one of them, the damaged entry is the one whose details went missing, not the forged
/// erasure written to cover it.
struct ErasureReliance {
  private var entries: [(seq: Int, position: Int, erasures: [Int])] = []

  /// Records that the details of `seq` (the `position`th entry read) are missing, excused by the
  /// erasure entries `erasures`.
  mutating func record(seq: Int, position: Int, erasures: [Int]) {
    entries.append((seq, position, erasures))
  }

  /// `report`, or, when its damage is on an erasure that alone excused an earlier entry's missing
  /// details (no sound erasure before it names that entry), that earlier entry's missing details.
  /// Entries recorded at or after the damaged one (read ahead of the damage) are not counted.
  func attributed(_ report: VerificationReport) -> VerificationReport {
    guard let damaged = report.damage?.seq,
      let first = entries.first(where: { entry in
        entry.position < report.entryCount && entry.erasures.contains(damaged)
          && entry.erasures.allSatisfy { $0 >= damaged }
      })
    else { return report }
    return VerificationReport(
      entryCount: first.position,
      damage: LedgerDamage(seq: first.seq, kind: .missingPersonalDetails))
  }
}
