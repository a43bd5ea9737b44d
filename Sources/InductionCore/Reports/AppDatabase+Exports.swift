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
    into writer: some ExportWriter, links: InvitationIssue? = nil,
    progress: (Int) -> Void = { _ in }
  ) throws -> Int {
    precondition(links == nil || kind == .outstanding, "only an outstanding list has links")
    let run = { (db: any SQLDatabase) throws -> Int in
      var count = 0
      var invited = InvitedFamilies(issue: links)
      func emit(_ row: [ExportCell]) throws {
        try writer.write(row)
        count += 1
        if count % 1000 == 0 { progress(count) }
      }
      switch kind {
      case .acknowledgements:
        let versions = VersionNumbers(
          guidance: try Self.guidanceVersionsInOrder(db),
          translations: try Self.translationVersionsInOrder(db), context: context)
        let cursor = try Self.acknowledgementRecords(db, filter: filter.query)
        while let record = try cursor.next() {
          try emit(Self.acknowledgementRow(record, versions: versions, context: context))
        }
      case .completion, .outstanding:
        let hasRoster = try Self.hasRoster(db)
        let cursor = try Self.completionRecords(
          db, fromRoster: hasRoster, filter: filter.query, current: context.currentGuidance,
          translations: context.translationsJSON)
        var summary = CompletionSummary(fromRoster: hasRoster)
        var lastClassKey: String?
        while let record = try cursor.next() {
          let status = record.status
          if kind == .completion {
            summary.count(
              status, className: record.className, startsClass: record.classKey != lastClassKey)
            lastClassKey = record.classKey
            // A revoked acknowledgement is withdrawn: it must not read as who acknowledged.
            let shown = status != .outstanding
            try emit(
              CompletionExportRow(
                className: record.className, child: record.childName,
                rosterParent: record.rosterParent ?? "", status: status,
                acknowledgedBy: shown ? record.ackParent ?? "" : "",
                signedAt: shown ? Self.local(record.recordedAt, context) : .text(""),
                reference: shown ? Self.reference(record.reference) : "",
                language: shown ? record.language ?? "" : ""
              ).cells)
          } else if status != .acknowledged {
            let parent = record.rosterParent ?? (record.ackParent ?? "")
            let email = record.parentEmail ?? ""
            let cells = OutstandingExportRow(
              className: record.className, child: record.childName, parent: parent, email: email,
              status: status, language: status == .reacknowledge ? record.language ?? "" : ""
            ).cells
            if links == nil {
              try emit(cells)
            } else if links!.includes(parent: parent, child: record.childName, email: email) {
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

  private static func local(_ utc: String?, _ context: ExportContext) -> ExportCell {
    guard let utc, let date = Timestamp.parseUTC(utc) else { return .text("") }
    return .time(LocalTime(date, in: context.timeZone))
  }

  private static func reference(_ stored: String?) -> String { stored.map(Reference.display) ?? "" }

  private static func acknowledgementRow(
    _ record: AcknowledgementRecord, versions: VersionNumbers, context: ExportContext
  ) -> [ExportCell] {
    let sha = record.guidanceSHA256
    let language = record.language
    let shownSHA = record.shownGuidanceSHA256 ?? sha
    let isEnglish = language == LanguageTag.english
    // The version of the text the parent read, numbered among that language's versions.
    let number = isEnglish ? versions.guidance[sha] : versions.translations[language]?[shownSHA]
    let version = number.map { "\($0) (\(shownSHA.prefix(12)))" } ?? String(shownSHA.prefix(12))
    let isCurrent =
      sha == context.currentGuidance
      && (isEnglish || shownSHA == (versions.current[language] ?? shownSHA))
    let status = record.revoked ? "revoked" : (isCurrent ? "current" : "superseded")
    let erased = record.erased
    return AcknowledgementExportRow(
      reference: Reference.display(record.reference), signedAt: local(record.recordedAt, context),
      parent: erased ? "(erased)" : record.parentName ?? "",
      relationship: erased ? "" : record.relationship ?? "", children: record.children ?? "",
      classes: record.classes ?? "", version: version, status: status,
      firstTryCorrect: record.firstTryCorrect, scenarioCount: record.scenarioCount,
      station: record.station, language: language
    ).cells
  }
}

/// The version numbers an acknowledgements export shows: 1, 2, 3… in the order versions were
/// first seen, English guidance and each translation apart.
struct VersionNumbers {
  /// Each guidance version's number, by SHA-256.
  var guidance: [String: Int]
  /// Each translation's version numbers, by language.
  var translations: [String: [String: Int]]
  /// The guidance in force for each translation: the context's, else the newest version seen.
  var current: [String: String]

  init(guidance: [String], translations: [TranslationVersionRecord], context: ExportContext) {
    self.guidance = Dictionary(
      uniqueKeysWithValues: guidance.enumerated().map { ($0.element, $0.offset + 1) })
    var numbers: [String: [String: Int]] = [:]
    var current: [String: String] = [:]
    for version in translations {
      numbers[version.language, default: [:]][version.sha256] =
        (numbers[version.language]?.count ?? 0) + 1
      current[version.language] = version.sha256
    }
    self.translations = numbers
    self.current = current.merging(context.currentTranslations) { _, given in given }
  }
}

extension CompletionRecord {
  /// The child's status: outstanding unless an unrevoked acknowledgement covers them, then
  /// acknowledged when it is on the guidance in force.
  var status: CompletionStatus {
    guard reference != nil, revoked == false else { return .outstanding }
    return isCurrent == true ? .acknowledged : .reacknowledge
  }
}

extension ExportFilter {
  /// The filter as the report queries take it.
  var query: ReportQueryFilter {
    ReportQueryFilter(
      since: since, until: until, classKey: className.map(NameNormalisation.matchKey))
  }
}
