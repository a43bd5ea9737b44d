import Foundation

/// `verify` without a database: fed the ledger in windows, in seq order, it recomputes every
/// commitment, link, hash, transcript, stored text and signature, and accepts a signature only
/// from a key the ledger trusted at that entry (the genesis key from the start, enrolled keys from
/// their enrolment until their retirement).
///
/// The report is the one checking entry by entry gives: the first damaged entry in seq order, and
/// for that entry the first failing check in the order seq, link, hash, key, signature, reference,
/// personal details, answers, texts. The rules run in order over a window; its signatures, the
/// costly part, are then checked on every core. Missing details excused only by an erasure that
/// proves damaged are reported at the entry that lost them (``ErasureReliance``).
struct LedgerVerifier {
  /// Entries per window: memory stays flat, and each window's signatures keep the cores busy for
  /// about a tenth of a second.
  static let windowSize = 4_096

  private var rules: EntryRules
  private let erased: Set<Int>
  private var excused = ErasureReliance()
  private var rosterLinks = RosterLinkVerification()
  private var signatures = SignatureWindow()
  /// Entries checked so far, up to and including the damaged one.
  private(set) var entryCount = 0
  /// The first damage, once found.
  private var found: LedgerDamage?

  /// A verifier for a ledger whose key entries as stored give `trust` (see ``EntryRules``), whose
  /// erasure entries are `erasures` (subject seq → the erasures naming it) and whose stored texts
  /// are `texts`.
  init(trust: KeyTrust, erasures: [Int: [Int]], texts: StoredTexts) {
    rules = EntryRules(trust: trust, erasures: erasures, texts: texts)
    erased = Set(erasures.keys)
  }

  /// Whether damage was found: later entries cannot change the report.
  var isDamaged: Bool { found != nil }

  /// The acknowledgements the roster link entries name (see ``RosterLinkVerification``).
  var rosterLinkSubjects: Set<Int> { rosterLinks.subjects }

  /// Checks the next entries, which follow those already checked. Returns false once damage is
  /// found, here or before.
  @discardableResult
  mutating func check(_ window: [StoredEntry]) -> Bool {
    guard found == nil else { return false }
    signatures.signatures.removeAll(keepingCapacity: true)
    var ruleDamage: (index: Int, kind: LedgerDamage.Kind)?
    for (index, stored) in window.enumerated() {
      switch rules.signer(of: stored.entry) {
      case .damaged(let kind):
        ruleDamage = (index, kind)
      case .key(let key):
        signatures.signatures.append(
          .init(entryHash: stored.entry.entryHash, signature: stored.entry.signature, key: key))
        if let kind = rules.damageAfterSignature(of: stored) { ruleDamage = (index, kind) }
      }
      if ruleDamage != nil { break }
      if let erasures = rules.erasures(excusing: stored) {
        excused.record(seq: stored.entry.seq, position: entryCount + index + 1, erasures: erasures)
      }
      rosterLinks.record(stored.entry)
      rules.accept(stored.entry)
    }
    // The signatures checked are those of the entries up to the first damaged one, which comes
    // after them, or is itself signed when its damage is found after the signature.
    if let bad = signatures.firstInvalid() {
      entryCount += bad + 1
      found = LedgerDamage(seq: window[bad].entry.seq, kind: .badSignature)
    } else if let ruleDamage {
      entryCount += ruleDamage.index + 1
      found = LedgerDamage(seq: window[ruleDamage.index].entry.seq, kind: ruleDamage.kind)
    } else {
      entryCount += window.count
    }
    return found == nil
  }

  /// The report on the entries checked, when they hold damage.
  var damageReport: VerificationReport? {
    guard let found else { return nil }
    return excused.attributed(VerificationReport(entryCount: entryCount, damage: found))
  }

  /// The report once every entry has been checked: the entries' damage, or else the first damage
  /// among the roster links and match keys `stored` (what the completion list is built from must
  /// follow from the entries).
  func report(rosterEvidence stored: RosterEvidence) -> VerificationReport {
    if let damageReport { return damageReport }
    return VerificationReport(
      entryCount: entryCount, damage: rosterLinks.firstDamage(stored, erased: erased))
  }
}
