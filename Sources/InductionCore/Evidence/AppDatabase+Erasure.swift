import Foundation

/// Why an erasure could not be done.
public enum ErasureError: LocalizedError, Equatable {
  /// No acknowledgement has that reference.
  case unknownReference(String)
  /// It was erased before.
  case alreadyErased(String)

  /// The sentence shown.
  public var errorDescription: String? {
    switch self {
    case .unknownReference(let reference):
      "\(Reference.noAcknowledgement(reference)); check it and try again"
    case .alreadyErased(let reference):
      "the personal details of \(reference) were erased already; nothing was changed"
    }
  }
}

extension AppDatabase {
  /// Erases the personal details behind each reference (names, children, classes, typed signature,
  /// manual roster links, the family's roster rows), appends a signed erasure entry for each, and then scrubs the file:
  /// `secure_delete` zeroes the freed pages, a TRUNCATE checkpoint empties the WAL, and VACUUM
  /// rebuilds the file, so the names exist nowhere in the database file or its WAL. The ledger rows
  /// keep only their salted commitments, so `verify` still passes.
  @discardableResult
  public func erase(references: [String], key: SigningKey, at date: Date) throws -> [LedgerEntry] {
    var subjects: [LedgerEntry] = []
    for typed in references {
      guard let subject = try entry(reference: typed), subject.kind == .acknowledgement else {
        throw ErasureError.unknownReference(typed)
      }
      subjects.append(subject)
    }
    return try erase(seqs: subjects.map(\.seq), key: key, at: date)
  }

  func erase(seqs: [Int], key: SigningKey, at date: Date) throws -> [LedgerEntry] {
    let entries = try write { db -> [LedgerEntry] in
      try db.overwriteDeletedContent()
      var appended: [LedgerEntry] = []
      for seq in seqs {
        if try Self.isErased(db, seq: seq) {
          let reference = try Self.entryReference(db, seq: seq) ?? ""
          throw ErasureError.alreadyErased(Reference.display(reference))
        }
        try Self.eraseRosterRows(db, forSeq: seq)
        try Self.deletePersonalDetails(db, seq: seq)
        appended.append(
          try Self.appendEntry(db, key: key) { next, prevHash in
            LedgerEntry(
              seq: next, kind: .erasure, recordedAt: Timestamp.utc(date), station: "admin",
              mode: "admin",
              guidanceSHA256: "", statementSHA256: "", scenarioCount: 0, firstTryCorrect: 0,
              attemptCount: 0,
              transcriptSHA256: "", piiCommitment: "", subjectSeq: seq, note: "", subjectKey: nil,
              prevHash: prevHash,
              entryHash: Data(), signature: Data(), keyID: key.id, reference: "")
          })
      }
      return appended
    }
    try scrub()
    return entries
  }

  /// The roster rows of the same family (the children named, or the same parent name) go too: the
  /// request is to erase the person, and a later roster import brings back any child still enrolled.
  private static func eraseRosterRows(_ db: any SQLDatabase, forSeq seq: Int) throws {
    for key in try childMatchKeys(db, seq: seq) {
      try deleteRosterChildren(db, matchKey: key)
    }
    guard let parent = try parentName(db, seq: seq) else { return }
    let parentKey = NameNormalisation.matchKey(parent)
    for row in try rosterParents(db) where NameNormalisation.matchKey(row.parentName) == parentKey {
      try deleteRosterChild(db, id: row.id)
    }
  }

  /// Rebuilds the store's files so deleted rows leave no trace on disk.
  public func scrub() throws { try engine.scrub() }

  /// Acknowledgements signed before `cutoff` whose personal details are still held.
  public func retentionCandidates(before cutoff: Date) throws -> [LedgerEntry] {
    try read { db in try Self.acknowledgementsHeld(db, before: cutoff) }
  }

  /// Erases every acknowledgement signed before `cutoff` (see ``erase(references:key:at:)``).
  @discardableResult
  public func purge(before cutoff: Date, key: SigningKey, at date: Date) throws -> Int {
    let candidates = try retentionCandidates(before: cutoff)
    guard !candidates.isEmpty else { return 0 }
    return try erase(seqs: candidates.map(\.seq), key: key, at: date).count
  }
}
