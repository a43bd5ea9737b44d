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

  /// The first damage, by seq, among the links and match keys; nil when all follow from the
  /// ledger. `erased` holds the acknowledgements whose details were erased (their links go too).
  func firstDamage(_ db: any SQLDatabase, erased: Set<Int>) throws -> LedgerDamage? {
    var damaged: [LedgerDamage] = []
    func damage(_ seq: Int, _ kind: LedgerDamage.Kind) {
      damaged.append(LedgerDamage(seq: seq, kind: kind))
    }
    let undone = Set(unlinks.values)
    let subjects = Set(links.values.compactMap(\.subjectSeq))
    var acknowledgements: Set<Int> = []
    if !subjects.isEmpty {
      let list = subjects.sorted().map(String.init).joined(separator: ", ")
      acknowledgements = Set(
        try Int.fetchAll(
          db, sql: "SELECT seq FROM ledger WHERE kind = 'acknowledgement' AND seq IN (\(list))"))
    }
    for (seq, link) in links where !acknowledgements.contains(link.subjectSeq ?? 0) {
      damage(seq, .alteredLink)
    }
    for (seq, subject) in unlinks where links[subject] == nil {
      damage(seq, .alteredLink)
    }
    var stored: Set<Int> = []
    for row in try SQLRow.fetchAll(
      db, sql: "SELECT \(StoredRosterLink.columns) FROM roster_link ORDER BY ledger_seq")
    {
      let link = StoredRosterLink(row)
      guard let linkSeq = link.linkSeq, let entry = links[linkSeq], !undone.contains(linkSeq),
        link.isSigned(by: entry), !stored.contains(linkSeq)
      else {
        damage(link.linkSeq ?? link.ledgerSeq, .alteredLink)
        continue
      }
      stored.insert(linkSeq)
    }
    for (seq, link) in links
    where !stored.contains(seq) && !undone.contains(seq) && !erased.contains(link.subjectSeq ?? 0) {
      damage(seq, .alteredLink)
    }
    for row in try SQLRow.fetchAll(
      db, sql: "SELECT ledger_seq, name, class_name, match_key, class_key FROM acknowledged_child")
    {
      let name: String = row["name"]
      let className: String = row["class_name"]
      if row["match_key"] != NameNormalisation.childKey(name: name, className: className)
        || row["class_key"] != NameNormalisation.matchKey(className)
      {
        damage(row["ledger_seq"], .alteredMatchKey)
      }
    }
    return damaged.min { $0.seq < $1.seq }
  }
}
