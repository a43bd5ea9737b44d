import Foundation
import GRDB

extension AppDatabase {
  /// Streams one export into `writer`, row by row from a database cursor, so memory stays flat
  /// however many rows there are; a completion export then hands the writer its counts per class.
  /// Returns the number of rows written. `progress` is called every 1,000 rows.
  public func export(
    _ kind: ExportKind, filter: ExportFilter, context: ExportContext,
    into writer: some ExportWriter,
    progress: (Int) -> Void = { _ in }
  ) throws -> Int {
    try read { db in
      var count = 0
      func emit(_ row: [ExportCell]) throws {
        try writer.write(row)
        count += 1
        if count % 1000 == 0 { progress(count) }
      }
      switch kind {
      case .acknowledgements:
        let versions = try Self.guidanceNumbers(db)
        let cursor = try Row.fetchCursor(
          db, sql: Self.acknowledgementsSQL, arguments: Self.arguments(filter))
        while let row = try cursor.next() {
          try emit(Self.acknowledgementRow(row, versions: versions, context: context))
        }
      case .completion, .outstanding:
        let hasRoster = try Int.fetchOne(db, sql: "SELECT count(*) FROM roster_child") ?? 0 > 0
        var arguments = Self.arguments(filter)
        arguments += ["current": context.currentGuidance]
        let cursor = try Row.fetchCursor(
          db, sql: hasRoster ? Self.rosterCompletionSQL : Self.namedCompletionSQL,
          arguments: arguments)
        var summary = CompletionSummary(fromRoster: hasRoster)
        var lastClassKey: String?
        while let row = try cursor.next() {
          let status = Self.status(row)
          if kind == .completion {
            let classKey: String = row["class_key"]
            summary.count(
              status, className: row["class_name"], startsClass: classKey != lastClassKey)
            lastClassKey = classKey
            // A revoked acknowledgement is withdrawn: it must not read as who acknowledged.
            let shown = status != .outstanding
            try emit([
              .text(row["class_name"]), .text(row["child_name"]), .text(row["roster_parent"] ?? ""),
              .text(status.rawValue), .text(shown ? row["ack_parent"] ?? "" : ""),
              shown ? Self.local(row["recorded_at"], context) : .text(""),
              .text(shown ? Self.reference(row["reference"]) : ""),
            ])
          } else if status != .acknowledged {
            try emit([
              .text(row["class_name"]), .text(row["child_name"]),
              .text((row["roster_parent"] as String?) ?? (row["ack_parent"] ?? "")),
              .text(row["parent_email"] ?? ""), .text(status.rawValue),
            ])
          }
        }
        if kind == .completion { try writer.summarise(summary) }
      }
      return count
    }
  }

  private static func arguments(_ filter: ExportFilter) -> StatementArguments {
    [
      "since": filter.since.map(Timestamp.utc), "until": filter.until.map(Timestamp.utc),
      "classKey": filter.className.map(NameNormalisation.matchKey),
    ]
  }

  private static func status(_ row: Row) -> CompletionStatus {
    guard (row["reference"] as String?) != nil, row["revoked"] as Bool? == false else {
      return .outstanding
    }
    return row["is_current"] == true ? .acknowledged : .reacknowledge
  }

  private static func local(_ utc: String?, _ context: ExportContext) -> ExportCell {
    guard let utc, let date = Timestamp.parseUTC(utc) else { return .text("") }
    return .time(LocalTime(date, in: context.timeZone))
  }

  private static func reference(_ stored: String?) -> String { stored.map(Reference.display) ?? "" }

  /// Version numbers in the order versions were first seen: 1, 2, 3…
  private static func guidanceNumbers(_ db: Database) throws -> [String: Int] {
    let shas = try String.fetchAll(
      db, sql: "SELECT sha256 FROM guidance_version ORDER BY first_seen_at, rowid")
    return Dictionary(uniqueKeysWithValues: shas.enumerated().map { ($0.element, $0.offset + 1) })
  }

  private static func acknowledgementRow(
    _ row: Row, versions: [String: Int], context: ExportContext
  ) -> [ExportCell] {
    let sha: String = row["guidance_sha256"]
    let version = versions[sha].map { "\($0) (\(sha.prefix(12)))" } ?? String(sha.prefix(12))
    let status: String =
      row["revoked"] == true
      ? "revoked" : (sha == context.currentGuidance ? "current" : "superseded")
    let erased: Bool = row["erased"]
    return [
      .text(Reference.display(row["reference"])), local(row["recorded_at"], context),
      .text(erased ? "(erased)" : row["parent_name"] ?? ""),
      .text(erased ? "" : row["relationship"] ?? ""), .text(row["children"] ?? ""),
      .text(row["classes"] ?? ""), .text(version), .text(status),
      .score(correct: row["first_try_correct"], total: row["scenario_count"]),
      .text(row["station"]),
    ]
  }

  static let acknowledgementsSQL = """
    SELECT l.seq, l.reference, l.recorded_at, l.guidance_sha256, l.first_try_correct, l.scenario_count,
      l.station, p.parent_name, p.relationship,
      (SELECT group_concat(name, '; ') FROM (
        SELECT name FROM acknowledged_child c WHERE c.ledger_seq = l.seq ORDER BY position)) AS children,
      (SELECT group_concat(class_name, '; ') FROM (
        SELECT class_name FROM acknowledged_child c WHERE c.ledger_seq = l.seq ORDER BY position)) AS classes,
      EXISTS (SELECT 1 FROM ledger r WHERE r.kind = 'revocation' AND r.subject_seq = l.seq) AS revoked,
      EXISTS (SELECT 1 FROM ledger e WHERE e.kind = 'erasure' AND e.subject_seq = l.seq) AS erased
    FROM ledger l LEFT JOIN personal_details p ON p.ledger_seq = l.seq
    WHERE l.kind = 'acknowledgement'
      AND (:since IS NULL OR l.recorded_at >= :since)
      AND (:until IS NULL OR l.recorded_at < :until)
      AND (:classKey IS NULL OR EXISTS (
        SELECT 1 FROM acknowledged_child c WHERE c.ledger_seq = l.seq AND c.class_key = :classKey))
    ORDER BY l.seq
    """

  /// Every (child key → acknowledgement) pair, from the children named and from manual links, with the
  /// best one per child first: not revoked, then on the current guidance, then the newest.
  private static let bestAcknowledgementsCTE = """
    WITH acks AS (
      SELECT c.match_key, c.name AS child_name, c.class_name, c.class_key, l.seq, l.recorded_at, l.reference,
        (l.guidance_sha256 = :current) AS is_current, p.parent_name AS ack_parent,
        EXISTS (SELECT 1 FROM ledger r WHERE r.kind = 'revocation' AND r.subject_seq = l.seq) AS revoked
      FROM acknowledged_child c
      JOIN ledger l ON l.seq = c.ledger_seq
      JOIN personal_details p ON p.ledger_seq = l.seq
      WHERE (:since IS NULL OR l.recorded_at >= :since) AND (:until IS NULL OR l.recorded_at < :until)
      UNION ALL
      SELECT k.match_key, NULL, NULL, NULL, l.seq, l.recorded_at, l.reference,
        (l.guidance_sha256 = :current), p.parent_name,
        EXISTS (SELECT 1 FROM ledger r WHERE r.kind = 'revocation' AND r.subject_seq = l.seq)
      FROM roster_link k
      JOIN ledger l ON l.seq = k.ledger_seq
      JOIN personal_details p ON p.ledger_seq = l.seq
      WHERE (:since IS NULL OR l.recorded_at >= :since) AND (:until IS NULL OR l.recorded_at < :until)
    ),
    best AS (
      SELECT *, ROW_NUMBER() OVER (
        PARTITION BY match_key ORDER BY revoked ASC, is_current DESC, seq DESC) AS rank
      FROM acks
    )
    """

  static let rosterCompletionSQL =
    bestAcknowledgementsCTE + """
      SELECT r.class_name, r.class_key, r.child_name, r.parent_name AS roster_parent, r.parent_email,
        b.ack_parent, b.recorded_at, b.reference, b.is_current, b.revoked
      FROM roster_child r LEFT JOIN best b ON b.match_key = r.match_key AND b.rank = 1
      WHERE (:classKey IS NULL OR r.class_key = :classKey)
      ORDER BY r.class_key, r.match_key, r.id
      """

  static let namedCompletionSQL =
    bestAcknowledgementsCTE + """
      SELECT b.class_name, b.class_key, b.child_name, NULL AS roster_parent, NULL AS parent_email,
        b.ack_parent, b.recorded_at, b.reference, b.is_current, b.revoked
      FROM best b
      WHERE b.rank = 1 AND b.child_name IS NOT NULL AND (:classKey IS NULL OR b.class_key = :classKey)
      ORDER BY b.class_key, b.match_key
      """
}
