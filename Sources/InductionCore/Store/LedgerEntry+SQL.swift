import Foundation

extension LedgerEntry {
  /// Every column of the `ledger` table, in the order ``sqlValues`` gives them.
  enum Column: Int, SQLRecordColumn {
    case seq, kind, recordedAt, station, mode, guidanceSHA256, statementSHA256, scenarioCount
    case firstTryCorrect, attemptCount, transcriptSHA256, piiCommitment, subjectSeq, note
    case prevHash, entryHash, signature, keyID, reference, subjectKey, language
    case shownGuidanceSHA256, shownStatementSHA256
  }

  /// The select list ``init(row:)`` reads, over the `ledger` table.
  @_spi(RawStore) public static var selection: String { Column.selection }

  /// The entry in a row of ``selection`` (the ledger's columns, in ``Column`` order; any columns
  /// after them are the query's own). A kind this build does not know, or a value of the wrong
  /// type, is an error rather than a guess.
  public init(row: SQLRow) throws {
    let kindText: String = try row.decode(Column.kind)
    guard let kind = LedgerKind(rawValue: kindText) else {
      throw SQLDecodingError(column: "kind", expected: "a ledger kind")
    }
    self.init(
      seq: try row.decode(Column.seq), kind: kind, recordedAt: try row.decode(Column.recordedAt),
      station: try row.decode(Column.station), mode: try row.decode(Column.mode),
      guidanceSHA256: try row.decode(Column.guidanceSHA256),
      statementSHA256: try row.decode(Column.statementSHA256),
      scenarioCount: try row.decode(Column.scenarioCount),
      firstTryCorrect: try row.decode(Column.firstTryCorrect),
      attemptCount: try row.decode(Column.attemptCount),
      transcriptSHA256: try row.decode(Column.transcriptSHA256),
      piiCommitment: try row.decode(Column.piiCommitment),
      subjectSeq: try row.decode(Column.subjectSeq), note: try row.decode(Column.note),
      subjectKey: try row.decode(Column.subjectKey), language: try row.decode(Column.language),
      shownGuidanceSHA256: try row.decode(Column.shownGuidanceSHA256),
      shownStatementSHA256: try row.decode(Column.shownStatementSHA256),
      prevHash: try row.decode(Column.prevHash), entryHash: try row.decode(Column.entryHash),
      signature: try row.decode(Column.signature), keyID: try row.decode(Column.keyID),
      reference: try row.decode(Column.reference))
  }

  /// The number of ledger columns: a query's own columns after ``selection`` start here.
  static let columnCount = Column.allCases.count

  /// The values of ``Column``, in order.
  var sqlValues: [any SQLValueConvertible] {
    [
      seq, kind.rawValue, recordedAt, station, mode, guidanceSHA256, statementSHA256,
      scenarioCount, firstTryCorrect, attemptCount, transcriptSHA256, piiCommitment, subjectSeq,
      note, prevHash, entryHash, signature, keyID, reference, subjectKey, language,
      shownGuidanceSHA256, shownStatementSHA256,
    ]
  }

  /// Inserts the entry as one `ledger` row, unless its reference is taken: then inserts nothing
  /// and returns false.
  func insertUnlessReferenceTaken(_ db: any SQLDatabase) throws -> Bool {
    let placeholders = Array(repeating: "?", count: Self.columnCount).joined(separator: ", ")
    return try Int.fetchOne(
      db,
      sql: """
        INSERT INTO ledger (\(Self.selection)) VALUES (\(placeholders))
        ON CONFLICT (reference) DO NOTHING RETURNING seq
        """,
      arguments: sqlValues) != nil
  }
}

extension LedgerEntry: SQLRecord {}
