import Foundation

/// The part of `verify` that makes the completion list provable: every manual roster link stored
/// is one a trusted key signed and did not undo, every signed link still standing is stored, and
/// every child's match key follows from the name and class the parent signed. Without it, a row
/// added to `roster_link` or an edited `match_key` turns an outstanding child into "acknowledged".
struct RosterLinkVerification {
  /// The `roster link` entries seen, by seq.
  private var links: [Int: LedgerEntry] = [:]
  /// The `roster unlink` entries seen: seq → the link entry each undoes.
  private var unlinks: [Int: Int] = [:]

  /// Notes a link or unlink entry whose hash, key and signature the scan checks.
  mutating func record(_ entry: LedgerEntry) {
    switch entry.kind {
    case .rosterLink: links[entry.seq] = entry
    case .rosterUnlink: unlinks[entry.seq] = entry.subjectSeq ?? 0
    default: break
    }
  }

  /// The acknowledgements the link entries seen name: which of them are acknowledgements is
  /// read from the store.
  var subjects: Set<Int> { Set(links.values.compactMap(\.subjectSeq)) }

  /// The first damage, by seq, among the links and match keys; nil when all follow from the
  /// ledger. `erased` holds the acknowledgements whose details were erased (their links go too).
  func firstDamage(_ stored: RosterEvidence, erased: Set<Int>) -> LedgerDamage? {
    var damaged: [LedgerDamage] = []
    func damage(_ seq: Int, _ kind: LedgerDamage.Kind) {
      damaged.append(LedgerDamage(seq: seq, kind: kind))
    }
    let undone = Set(unlinks.values)
    for (seq, link) in links where !stored.acknowledgements.contains(link.subjectSeq ?? 0) {
      damage(seq, .alteredLink)
    }
    for (seq, subject) in unlinks where links[subject] == nil {
      damage(seq, .alteredLink)
    }
    var signed: Set<Int> = []
    for link in stored.links {
      guard let linkSeq = link.linkSeq, let entry = links[linkSeq], !undone.contains(linkSeq),
        link.isSigned(by: entry), !signed.contains(linkSeq)
      else {
        damage(link.linkSeq ?? link.ledgerSeq, .alteredLink)
        continue
      }
      signed.insert(linkSeq)
    }
    for (seq, link) in links
    where !signed.contains(seq) && !undone.contains(seq) && !erased.contains(link.subjectSeq ?? 0) {
      damage(seq, .alteredLink)
    }
    for child in stored.children
    where child.matchKey != NameNormalisation.childKey(name: child.name, className: child.className)
      || child.classKey != NameNormalisation.matchKey(child.className)
    {
      damage(child.seq, .alteredMatchKey)
    }
    return damaged.min { $0.seq < $1.seq }
  }
}

/// What the completion list is built from, as stored: read after every entry proved sound.
struct RosterEvidence: Sendable {
  /// A child's match keys as stored.
  struct Child: Sendable {
    /// The acknowledgement that names the child.
    var seq: Int
    /// The name and class as stored.
    var name: String
    var className: String
    /// The keys the completion list matches on.
    var matchKey: String
    var classKey: String
  }

  /// Which of the link entries' subjects are acknowledgements.
  var acknowledgements: Set<Int> = []
  /// Every manual roster link stored, by acknowledgement.
  var links: [StoredRosterLink] = []
  /// Every acknowledged child stored.
  var children: [Child] = []
}
