import Foundation

/// `verify` without a database: fed the ledger in windows, in seq order, it recomputes every
/// commitment, link, hash, transcript, stored text and signature, and accepts a signature only
/// from a key the ledger trusted at that entry (the genesis key from the start, enrolled keys from
/// their enrolment until their retirement).
///
/// The report is the one checking entry by entry gives: the first damaged entry in seq order, and
/// for that entry the first failing check in the order seq, link, hash, key, signature, reference,
/// personal details, answers, texts. The rules run in order over a window; its signatures, the
/// costly part, are checked on every core while the next window is read and ruled. Missing details excused only by an erasure that
/// proves damaged are reported at the entry that lost them (``ErasureReliance``).
struct LedgerVerifier {
  /// Entries per window: memory stays flat, and each window's signatures keep the cores busy for
  /// about a tenth of a second.
  static let windowSize = 4_096

  private var rules: EntryRules
  private let erased: Set<Int>
  private var excused = ErasureReliance()
  private var rosterLinks = RosterLinkVerification()
  /// Entries checked so far, up to and including the damaged one.
  private(set) var entryCount = 0
  /// Entries whose rules have run, some of them perhaps still waiting for their signatures.
  private var ruledCount = 0
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

  /// Checks every window `read` gives (it fills the array it is handed, and leaves it empty at
  /// the end), in order, until damage is found. Each window's signatures are checked on other
  /// threads while the next window is read and its rules run, so reading, rules and signatures
  /// overlap; the report is still the one checking entry by entry gives. When `read` throws, the
  /// entries it gave before throwing are checked, and damage among them is reported rather than
  /// the error.
  mutating func checkAll<Failure: Error>(
    reading read: (inout [StoredEntry]) throws(Failure) -> Void
  ) throws(Failure) {
    var pending: (window: RuledWindow, signatures: SignatureCheck)?
    var window: [StoredEntry] = []
    window.reserveCapacity(Self.windowSize)
    while found == nil {
      window.removeAll(keepingCapacity: true)
      var readError: Failure?
      do { try read(&window) } catch { readError = error }
      let ruled = rule(window)
      if let earlier = pending {
        pending = nil
        settle(earlier.window, firstBadSignature: earlier.signatures.firstInvalid())
        // What `rule` recorded of this window is never reported: damage came before it.
        if found != nil { return }
      }
      guard readError == nil, ruled.ruleDamage == nil, !window.isEmpty else {
        settle(ruled, firstBadSignature: ruled.signatures.firstInvalid())
        if let readError, found == nil { throw readError }
        return
      }
      pending = (ruled, SignatureCheck(ruled.signatures))
    }
  }

  /// A window whose rules have run, waiting for its signatures.
  struct RuledWindow {
    /// The signatures of the entries ruled, in order (index i is the window's entry i).
    var signatures = SignatureWindow()
    /// The seqs of the entries ruled.
    var seqs: [Int] = []
    /// The first entry the rules found damaged, by index, and how.
    var ruleDamage: (index: Int, kind: LedgerDamage.Kind)?
  }

  /// Runs the rules over `window` (the entries after those already ruled), up to its first
  /// damaged entry, and gathers the signatures to check.
  private mutating func rule(_ window: [StoredEntry]) -> RuledWindow {
    var ruled = RuledWindow()
    ruled.signatures.signatures.reserveCapacity(window.count)
    ruled.seqs.reserveCapacity(window.count)
    let digests = EntryDigests.of(window)
    for (index, stored) in window.enumerated() {
      ruled.seqs.append(stored.entry.seq)
      switch rules.signer(of: stored.entry, digests: digests[index]) {
      case .damaged(let kind):
        ruled.ruleDamage = (index, kind)
      case .key(let key):
        ruled.signatures.signatures.append(
          .init(entryHash: stored.entry.entryHash, signature: stored.entry.signature, key: key))
        if let kind = rules.damageAfterSignature(of: stored, digests: digests[index]) {
          ruled.ruleDamage = (index, kind)
        }
      }
      if ruled.ruleDamage != nil { break }
      if let erasures = rules.erasures(excusing: stored) {
        excused.record(
          seq: stored.entry.seq, position: ruledCount + index + 1, erasures: erasures)
      }
      rosterLinks.record(stored.entry)
      rules.accept(stored.entry)
    }
    ruledCount += window.count
    return ruled
  }

  /// Counts `ruled` as checked, given the index of its first bad signature, and notes the first
  /// damage: the signatures checked are those of the entries up to the first damaged one, which
  /// comes after them, or is itself signed when its damage is found after the signature.
  private mutating func settle(_ ruled: RuledWindow, firstBadSignature bad: Int?) {
    guard found == nil else { return }
    if let bad {
      entryCount += bad + 1
      found = LedgerDamage(seq: ruled.seqs[bad], kind: .badSignature)
    } else if let damage = ruled.ruleDamage {
      entryCount += damage.index + 1
      found = LedgerDamage(seq: ruled.seqs[damage.index], kind: damage.kind)
    } else {
      entryCount += ruled.seqs.count
    }
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
