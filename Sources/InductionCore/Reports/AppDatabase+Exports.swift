import Foundation

extension AppDatabase {
  /// Streams one export into `writer`, row by row from a database cursor, so memory stays flat
  /// however many rows there are; a completion export then hands the writer its counts per class.
  /// Returns the number of rows written. `progress` is called every 1,000 rows.
  ///
  /// With `links`, an outstanding list issues a personal link per family (its rows share one) and
  /// adds ``InvitationIssue/header``'s columns; a family's older unused link stops working. Then
  /// the writer is finished inside the transaction, so the links count only once the file is in
  /// place, and the caller must not finish it again.
  public func export(
    _ kind: ExportKind, filter: ExportFilter, context: ExportContext,
    into writer: some ExportWriter, links: InvitationIssue? = nil, at now: Date = Date(),
    progress: (Int) -> Void = { _ in }
  ) throws -> Int {
    precondition(links == nil || kind == .outstanding, "only an outstanding list has links")
    let run = { (db: any SQLDatabase) throws -> Int in
      var count = 0
      var invited = InvitedFamilies(issue: links, at: now)
      func emit(_ row: [ExportCell]) throws {
        try writer.write(row)
        count += 1
        if count % 1000 == 0 { progress(count) }
      }
      switch kind {
      case .acknowledgements:
        let versions = try Self.guidanceNumbers(db)
        let translations = try Self.translationNumbers(db)
        let current = try Self.currentTranslations(db, context: context)
        let cursor = try db.fetchCursor(
          sql: Self.acknowledgementsSQL(db.dialect), named: Self.arguments(filter))
        while let row = try cursor.next() {
          try emit(
            Self.acknowledgementRow(
              row, versions: versions, translations: translations, current: current,
              context: context))
        }
      case .completion, .outstanding:
        let hasRoster = try Int.fetchOne(db, sql: "SELECT count(*) FROM roster_child") ?? 0 > 0
        var arguments = Self.arguments(filter)
        arguments["current"] = context.currentGuidance
        arguments["translations"] = context.translationsJSON
        let cursor = try db.fetchCursor(
          sql: hasRoster
            ? Self.rosterCompletionSQL(db.dialect) : Self.namedCompletionSQL(db.dialect),
          named: arguments)
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
              .text(shown ? row["language"] ?? "" : ""),
            ])
          } else if status != .acknowledged {
            let parent = (row["roster_parent"] as String?) ?? (row["ack_parent"] ?? "")
            let email: String = row["parent_email"] ?? ""
            let cells: [ExportCell] = [
              .text(row["class_name"]), .text(row["child_name"]), .text(parent), .text(email),
              .text(status.rawValue), .text(status == .reacknowledge ? row["language"] ?? "" : ""),
            ]
            if links == nil {
              try emit(cells)
            } else if links!.includes(parent: parent, child: row["child_name"], email: email) {
              invited.add(cells, family: InvitedFamilies.familyHash(email: email, parent: parent))
            }
          }
        }
        if kind == .completion { try writer.addSummary(summary.sheet) }
      }
      // Links are written after the cursor is done: a server cannot take writes mid-cursor.
      for row in try invited.issue(db) {
        try emit(
          row.cells + [.text(row.link), .time(LocalTime(row.expires, in: context.timeZone))])
      }
      if links?.only != nil && count == 0 { throw InvitationError.noSuchFamily }
      if links != nil { try writer.finish() }
      return count
    }
    return links == nil ? try read(run) : try write(run)
  }

  private static func arguments(_ filter: ExportFilter) -> [String: String?] {
    [
      "since": filter.since.map(Timestamp.utc), "until": filter.until.map(Timestamp.utc),
      "classKey": filter.className.map(NameNormalisation.matchKey),
    ]
  }

  private static func status(_ row: SQLRow) -> CompletionStatus {
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
  private static func guidanceNumbers(_ db: any SQLDatabase) throws -> [String: Int] {
    let shas = try String.fetchAll(
      db,
      sql:
        "SELECT sha256 FROM guidance_version ORDER BY first_seen_at, \(db.dialect.insertionOrder)"
    )
    return Dictionary(uniqueKeysWithValues: shas.enumerated().map { ($0.element, $0.offset + 1) })
  }

  /// Each translation's version numbers, by language, in the order versions were first seen.
  private static func translationNumbers(_ db: any SQLDatabase) throws -> [String: [String: Int]] {
    var numbers: [String: [String: Int]] = [:]
    for row in try SQLRow.fetchAll(
      db,
      sql: """
        SELECT language, sha256 FROM translation_version
        ORDER BY first_seen_at, \(db.dialect.insertionOrder)
        """)
    {
      let language: String = row["language"]
      numbers[language, default: [:]][row["sha256"]] = (numbers[language]?.count ?? 0) + 1
    }
    return numbers
  }

  /// The guidance in force for each translation: the context's, else the newest version seen.
  private static func currentTranslations(_ db: any SQLDatabase, context: ExportContext) throws
    -> [String: String]
  {
    var current: [String: String] = [:]
    for row in try SQLRow.fetchAll(
      db,
      sql: """
        SELECT language, sha256 FROM translation_version
        ORDER BY first_seen_at, \(db.dialect.insertionOrder)
        """)
    {
      current[row["language"]] = row["sha256"]
    }
    return current.merging(context.currentTranslations) { _, given in given }
  }

  private static func acknowledgementRow(
    _ row: SQLRow, versions: [String: Int], translations: [String: [String: Int]],
    current: [String: String], context: ExportContext
  ) -> [ExportCell] {
    let sha: String = row["guidance_sha256"]
    let language: String = row["language"]
    let shownSHA: String = row["shown_guidance_sha256"] ?? sha
    let isEnglish = language == LanguageTag.english
    // The version of the text the parent read, numbered among that language's versions.
    let number = isEnglish ? versions[sha] : translations[language]?[shownSHA]
    let version = number.map { "\($0) (\(shownSHA.prefix(12)))" } ?? String(shownSHA.prefix(12))
    let isCurrent =
      sha == context.currentGuidance && (isEnglish || shownSHA == (current[language] ?? shownSHA))
    let status: String =
      row["revoked"] == true ? "revoked" : (isCurrent ? "current" : "superseded")
    let erased: Bool = row["erased"]
    return [
      .text(Reference.display(row["reference"])), local(row["recorded_at"], context),
      .text(erased ? "(erased)" : row["parent_name"] ?? ""),
      .text(erased ? "" : row["relationship"] ?? ""), .text(row["children"] ?? ""),
      .text(row["classes"] ?? ""), .text(version), .text(status),
      .score(correct: row["first_try_correct"], total: row["scenario_count"]),
      .text(row["station"]), .text(language),
    ]
  }

  static func acknowledgementsSQL(_ dialect: SQLDialect) -> String {
    """
    SELECT l.seq, l.reference, l.recorded_at, l.guidance_sha256, l.first_try_correct, l.scenario_count,
      l.station, p.parent_name, p.relationship, coalesce(l.language, 'en') AS language,
      l.shown_guidance_sha256,
      \(childrenJoined("name", dialect)) AS children,
      \(childrenJoined("class_name", dialect)) AS classes,
      EXISTS (SELECT 1 FROM ledger r WHERE r.kind = 'revocation' AND r.subject_seq = l.seq) AS revoked,
      EXISTS (SELECT 1 FROM ledger e WHERE e.kind = 'erasure' AND e.subject_seq = l.seq) AS erased
    FROM ledger l LEFT JOIN personal_details p ON p.ledger_seq = l.seq
    WHERE l.kind = 'acknowledgement'
      AND (:since IS NULL OR l.recorded_at >= :since)
      AND (:until IS NULL OR l.recorded_at < :until)
      AND (:classKey IS NULL OR (p.ledger_seq IS NOT NULL AND EXISTS (
        SELECT 1 FROM acknowledged_child c WHERE c.ledger_seq = l.seq AND c.class_key = :classKey)))
    ORDER BY l.seq
    """
  }

  /// The entry `l`'s children's `column`, in the order they were given, joined with "; "; NULL
  /// when its personal details `p` are gone (erased): a child row left or added then is not theirs.
  private static func childrenJoined(_ column: String, _ dialect: SQLDialect) -> String {
    switch dialect {
    case .sqlite:
      // SQLite's group_concat keeps the order of an ordered subquery.
      """
      (SELECT group_concat(\(column), '; ') FROM (
        SELECT \(column) FROM acknowledged_child c WHERE c.ledger_seq = p.ledger_seq
        ORDER BY position))
      """
    case .postgres:
      """
      (SELECT string_agg(\(column), '; ' ORDER BY position) FROM acknowledged_child c
        WHERE c.ledger_seq = p.ledger_seq)
      """
    }
  }

  /// Whether ledger row `l` acknowledges the guidance now in force: the English version is the
  /// current one and, for a translation, so is the translation the parent read (given in
  /// `:translations`, else the newest version seen). So an edited translation asks only that
  /// language's parents to re-acknowledge, and an edited English guidance asks everyone.
  static func isCurrentSQL(_ dialect: SQLDialect) -> String {
    """
    (l.guidance_sha256 = :current AND (l.language IS NULL OR l.language = 'en'
      OR l.shown_guidance_sha256 = coalesce(
        \(dialect.jsonField(":translations", key: "l.language")),
        (SELECT t.sha256 FROM translation_version t WHERE t.language = l.language
          ORDER BY t.first_seen_at DESC, t.\(dialect.insertionOrder) DESC LIMIT 1),
        l.shown_guidance_sha256)))
    """
  }

  /// Every (child key → acknowledgement) pair, from the children named and from manual links, with the
  /// best one per child first: not revoked, then on the current guidance, then the newest.
  private static func bestAcknowledgementsCTE(_ dialect: SQLDialect) -> String {
    """
    WITH acks AS (
      SELECT c.match_key, c.name AS child_name, c.class_name, c.class_key, l.seq, l.recorded_at, l.reference,
        \(isCurrentSQL(dialect)) AS is_current, p.parent_name AS ack_parent,
        EXISTS (SELECT 1 FROM ledger r WHERE r.kind = 'revocation' AND r.subject_seq = l.seq) AS revoked,
        coalesce(l.language, 'en') AS language
      FROM acknowledged_child c
      JOIN ledger l ON l.seq = c.ledger_seq
      JOIN personal_details p ON p.ledger_seq = l.seq
      WHERE (:since IS NULL OR l.recorded_at >= :since) AND (:until IS NULL OR l.recorded_at < :until)
      UNION ALL
      SELECT k.match_key, NULL, NULL, NULL, l.seq, l.recorded_at, l.reference,
        \(isCurrentSQL(dialect)), p.parent_name,
        EXISTS (SELECT 1 FROM ledger r WHERE r.kind = 'revocation' AND r.subject_seq = l.seq),
        coalesce(l.language, 'en')
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
  }

  static func rosterCompletionSQL(_ dialect: SQLDialect) -> String {
    bestAcknowledgementsCTE(dialect) + """
      SELECT r.class_name, r.class_key, r.child_name, r.parent_name AS roster_parent, r.parent_email,
        b.ack_parent, b.recorded_at, b.reference, b.is_current, b.revoked, b.language
      FROM roster_child r LEFT JOIN best b ON b.match_key = r.match_key AND b.rank = 1
      WHERE (:classKey IS NULL OR r.class_key = :classKey)
      ORDER BY r.class_key, r.match_key, r.id
      """
  }

  static func namedCompletionSQL(_ dialect: SQLDialect) -> String {
    bestAcknowledgementsCTE(dialect) + """
      SELECT b.class_name, b.class_key, b.child_name, NULL AS roster_parent, NULL AS parent_email,
        b.ack_parent, b.recorded_at, b.reference, b.is_current, b.revoked, b.language
      FROM best b
      WHERE b.rank = 1 AND b.child_name IS NOT NULL AND (:classKey IS NULL OR b.class_key = :classKey)
      ORDER BY b.class_key, b.match_key
      """
  }
}
