import Foundation

/// Everything held about one person, for a subject access request: their details, acknowledgements,
/// quiz answers and any revocations. Nothing about anyone else.
public struct SubjectAccessReport: Sendable, Equatable, Encodable {
  /// One quiz answer.
  public struct Answer: Sendable, Equatable, Encodable {
    /// The scenario.
    public var scenario: String
    /// The answer chosen, as shown.
    public var choice: String
    /// Whether it was right.
    public var correct: Bool
    /// Whether it was the first try.
    public var firstTry: Bool
    /// When (UTC).
    public var answeredAt: String
  }

  /// One acknowledgement and what was recorded with it.
  public struct Acknowledgement: Sendable, Equatable, Encodable {
    /// Its reference.
    public var reference: String
    /// When signed (UTC).
    public var signedAt: String
    /// Where.
    public var station: String
    /// The parent's name.
    public var parentName: String
    /// Their relationship.
    public var relationship: String
    /// The name typed as the signature.
    public var signature: String
    /// The children and classes.
    public var children: [[String: String]]
    /// SHA-256 of the school's (English) guidance version.
    public var guidanceSHA256: String
    /// The language the induction was read in (`en` for acknowledgements made before translations).
    public var language: String
    /// The statement signed, as shown (in ``language``); empty when its stored text no longer has
    /// the SHA-256 signed.
    public var statement: String
    /// Right first time, of how many.
    public var score: String
    /// Every answer given in that session.
    public var answers: [Answer]
    /// Revocations of it (time and reason).
    public var revocations: [[String: String]]
  }

  /// What was asked for (a name or a reference).
  public var request: String
  /// When the report was made (UTC).
  public var madeAt: String
  /// The acknowledgements found.
  public var acknowledgements: [Acknowledgement]
}

extension AppDatabase {
  /// The report for a parent by name (matched ignoring case, spaces and normalisation) or by reference.
  public func subjectAccess(parentName: String?, reference: String?, at date: Date) throws
    -> SubjectAccessReport
  {
    try read { db in
      var seqs: [Int] = []
      if let parentName {
        let key = NameNormalisation.matchKey(parentName)
        seqs = try Self.heldParents(db).filter { NameNormalisation.matchKey($0.parentName) == key }
          .map(\.ledgerSeq)
      }
      if let reference, let normalised = Reference.normalise(reference),
        let seq = try Self.acknowledgementSeq(db, reference: normalised)
      {
        if !seqs.contains(seq) { seqs.append(seq) }
      }
      var items: [SubjectAccessReport.Acknowledgement] = []
      for seq in seqs {
        guard let entry = try Self.entry(db, seq: seq),
          let held = try Self.personalDetails(db, seq: seq)
        else { continue }
        // A stored text that no longer has the SHA-256 signed is not what the parent signed.
        let signed = entry.shownStatementSHA256 ?? entry.statementSHA256
        let statement =
          try Self.statementText(db, sha256: signed).flatMap {
            StoredTexts.isIntact(sha256: signed, text: $0) ? $0 : nil
          } ?? ""
        let answers = try Self.signedAnswers(db, seq: seq).map {
          SubjectAccessReport.Answer(
            scenario: $0.scenarioID, choice: $0.choiceText, correct: $0.isCorrect,
            firstTry: $0.isFirstTry, answeredAt: $0.answeredAt)
        }
        let revocations = try Self.revocations(db, seq: seq).map {
          ["at": $0.recordedAt, "reason": $0.note]
        }
        items.append(
          .init(
            reference: Reference.display(entry.reference), signedAt: entry.recordedAt,
            station: entry.station,
            parentName: held.details.parentName, relationship: held.details.relationship,
            signature: held.details.signature,
            children: held.details.children.map { ["name": $0.name, "class": $0.className] },
            guidanceSHA256: entry.guidanceSHA256, language: entry.languageShown,
            statement: statement,
            score: "\(entry.firstTryCorrect)/\(entry.scenarioCount)", answers: answers,
            revocations: revocations))
      }
      return SubjectAccessReport(
        request: parentName ?? reference ?? "", madeAt: Timestamp.utc(date), acknowledgements: items
      )
    }
  }
}
