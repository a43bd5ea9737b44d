import CSV
import Foundation
import InductionCore
import TestSupport
import Testing

/// The same databases as the CSV export tests, exported as workbooks and read back: the same rows
/// as the CSV export cell for cell (text as text without the `'` guard, times as date-times on the
/// school's wall clock, scores as numbers), and the completion workbook's Summary sheet.
@Suite("Exports: workbooks read back")
struct XLSXExportRoundTripTests {
  static let london = TimeZone(identifier: "Europe/London")!

  /// Exports `kind` as a workbook and reads it back.
  static func workbook(
    _ kind: ExportKind, from database: AppDatabase, filter: ExportFilter = ExportFilter(),
    currentGuidance: Guidance = LedgerBuilder.fixtureGuidance
  ) throws -> (workbook: Workbook, written: Int) {
    let url = Fixtures.temporaryDirectory("xlsx").appendingPathComponent("\(kind.rawValue).xlsx")
    let writer = try XLSXExportWriter(
      target: url, displayPath: url.lastPathComponent, overwrite: false, sheetName: kind.sheetName,
      header: kind.header, schoolName: "Test School")
    let context = ExportContext(currentGuidance: currentGuidance.sha256, timeZone: london)
    let written = try database.export(kind, filter: filter, context: context, into: writer)
    try writer.finish()
    return (try Workbook(contentsOf: url), written)
  }

  /// The CSV export's rows as the workbook should show them: the same, except that "Signed at"
  /// loses its offset (a spreadsheet date has no time zone; the wall-clock time is what it holds).
  static func csvRows(
    _ kind: ExportKind, from database: AppDatabase, filter: ExportFilter = ExportFilter(),
    currentGuidance: Guidance = LedgerBuilder.fixtureGuidance
  ) throws -> [[String]] {
    let url = Fixtures.temporaryDirectory("csv").appendingPathComponent("\(kind.rawValue).csv")
    let writer = try CSVExportWriter(
      destination: .file(url, displayPath: url.lastPathComponent, overwrite: false),
      header: kind.header)
    let context = ExportContext(currentGuidance: currentGuidance.sha256, timeZone: london)
    _ = try database.export(kind, filter: filter, context: context, into: writer)
    try writer.finish()
    let (header, rows) = try readCSVFile(url)
    let at = header.firstIndex(of: "Signed at")
    return rows.map { row in
      row.enumerated().map { $0.offset == at ? String($0.element.prefix(19)) : $0.element }
    }
  }

  /// The workbook's data rows as CSV cells: each text given the CSV export's `'` guard, and
  /// nothing else, so the two can be compared whole (control characters must already be shown
  /// escaped in the workbook, as in the CSV).
  static func asCSV(_ workbook: Workbook, _ kind: ExportKind) throws -> [[String]] {
    let sheet = try #require(workbook.sheet(kind.sheetName))
    return sheet.rows.dropFirst().map { row in
      (0..<kind.header.count).map { column in
        guard column < row.count, let cell = row[column] else { return "" }
        guard case .text(let text) = cell.value else { return cell.shown }
        guard let first = text.unicodeScalars.first,
          ExportRoundTripTests.triggers.contains(first)
        else { return text }
        return "'" + text
      }
    }
  }

  /// What each cell is: `text`, `time` (a number formatted as a date-time), `score` (a number
  /// formatted as a fraction), `empty`, or what else it was.
  static func kinds(_ workbook: Workbook, _ kind: ExportKind) throws -> [[String]] {
    let sheet = try #require(workbook.sheet(kind.sheetName))
    return sheet.rows.dropFirst().map { row in
      (0..<kind.header.count).map { column in
        guard column < row.count, let cell = row[column] else { return "empty" }
        switch cell.value {
        case .text: return cell.numberFormat == "General" && !cell.isBold ? "text" : "styled text"
        case .number where cell.numberFormat == "yyyy-mm-dd hh:mm": return "time"
        case .number where cell.numberFormat.hasPrefix("?/"): return "score"
        default: return "\(cell)"
        }
      }
    }
  }

  /// The expected kinds: "Signed at" a time (or empty), "First-try score" a score, the rest text
  /// (or empty where the CSV cell is empty).
  static func expectedKinds(_ csv: [[String]], _ kind: ExportKind) -> [[String]] {
    csv.map { row in
      row.enumerated().map { column, value in
        if value.isEmpty { return "empty" }
        switch kind.header[column] {
        case "Signed at": return "time"
        case "First-try score": return "score"
        default: return "text"
        }
      }
    }
  }

  /// Checks the workbook of `kind` against the CSV export of the same database.
  static func expectSameAsCSV(
    _ kind: ExportKind, _ database: AppDatabase, filter: ExportFilter = ExportFilter(),
    currentGuidance: Guidance = LedgerBuilder.fixtureGuidance, rows expectedCount: Int,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let (workbook, written) = try workbook(
      kind, from: database, filter: filter, currentGuidance: currentGuidance)
    let csv = try csvRows(kind, from: database, filter: filter, currentGuidance: currentGuidance)
    let sheet = try #require(workbook.sheet(kind.sheetName), sourceLocation: sourceLocation)
    #expect(
      sheet.rows.first?.map { $0?.shown ?? "" } == kind.header, sourceLocation: sourceLocation)
    #expect(
      sheet.rows.first?.allSatisfy { $0?.isBold == true } == true, sourceLocation: sourceLocation)
    #expect(written == expectedCount && csv.count == expectedCount, sourceLocation: sourceLocation)
    #expect(try asCSV(workbook, kind) == csv, sourceLocation: sourceLocation)
    #expect(
      try kinds(workbook, kind) == expectedKinds(csv, kind), sourceLocation: sourceLocation)
    #expect(sheet.frozenRows == 1, sourceLocation: sourceLocation)
    let lastColumn = Character(Unicode.Scalar(UInt8(64 + kind.header.count)))
    #expect(
      sheet.autoFilter == "A1:\(lastColumn)\(expectedCount + 1)", sourceLocation: sourceLocation)
  }

  @Test func acknowledgementsWithAwkwardNamesAreTheCSVExportCellForCell() throws {
    // Given acknowledgements with every formula trigger, quotes, line breaks, emoji, right-to-left
    // text and combining marks, signed around both clock changes
    let (builder, _) = try ExportRoundTripTests.signedLedger(.sqlite)
    // When they are exported as a workbook and as CSV
    // Then the workbook holds the CSV's rows cell for cell, and each cell is of the right type
    try Self.expectSameAsCSV(.acknowledgements, builder.database, rows: 8)
  }

  @Test func completionWithoutARosterIsTheCSVExportCellForCell() throws {
    let (builder, _) = try ExportRoundTripTests.signedLedger(.sqlite)
    try Self.expectSameAsCSV(.completion, builder.database, rows: 10)
  }

  @Test func rosterValuesWithControlCharactersAreTheCSVExportCellForCell() throws {
    // Given a roster whose values start with tab, CR and LF, put straight into the store
    let (builder, _) = try ExportRoundTripTests.signedLedger(.sqlite)
    try builder.database.replaceRoster(
      [
        RosterRow(
          line: 2, parentName: "\tTab Parent", parentEmail: "=cmd@example.test",
          childName: "\rCR Child", className: "\nLF Class"),
        RosterRow(
          line: 3, parentName: "+Plus, \"Parent\"", parentEmail: nil,
          childName: "Zoë O'Neil-Smith", className: "Reception (Blue)"),
      ], at: LedgerBuilder.utc("2026-09-01 08:00"))
    // When completion and outstanding are exported both ways, Then they agree cell for cell
    try Self.expectSameAsCSV(.completion, builder.database, rows: 2)
    try Self.expectSameAsCSV(.outstanding, builder.database, rows: 1)
  }

  @Test func everyStateOfEveryChildIsTheCSVExportCellForCell() throws {
    // Given 3 classes × 30 children in every state (see ``CompletionListTests``)
    let world = try CompletionListTests.buildWorld(.sqlite)
    let database = world.builder.database
    let current = CompletionListTests.currentGuidance
    // When the three lists are exported both ways, Then they agree cell for cell
    try Self.expectSameAsCSV(.completion, database, currentGuidance: current, rows: 90)
    try Self.expectSameAsCSV(.outstanding, database, currentGuidance: current, rows: 38)
    try Self.expectSameAsCSV(
      .acknowledgements, database, currentGuidance: current, rows: world.acks.count)
    // And for one class, whatever its case and spacing
    try Self.expectSameAsCSV(
      .completion, database, filter: ExportFilter(className: "  year   1 "),
      currentGuidance: current, rows: 30)
  }

  @Test func theSummarySheetCountsEachClassAsTheCompletionListDoes() throws {
    // Given 3 classes × 30 children in every state
    let world = try CompletionListTests.buildWorld(.sqlite)
    let current = CompletionListTests.currentGuidance

    // When completion is exported as a workbook
    let (workbook, _) = try Self.workbook(
      .completion, from: world.builder.database, currentGuidance: current)

    // Then its Summary sheet holds, per class, the model's counts and share acknowledged, then
    // the total, as numbers
    #expect(workbook.sheets.map(\.name) == ["Completion", "Summary"])
    func counts(_ className: String?) -> [String] {
      let statuses = world.roster.filter { className == nil || $0.className == className }
        .map { world.expected[CompletionListTests.key($0)]!.status }
      let acknowledged = statuses.filter { $0 == "acknowledged" }.count
      return [
        className ?? "Total", "\(statuses.count)", "\(acknowledged)",
        "\(statuses.filter { $0 == "re-acknowledge" }.count)",
        "\(statuses.filter { $0 == "outstanding" }.count)",
        String(format: "%.9f", Double(acknowledged) / Double(statuses.count)),
      ]
    }
    let expected =
      [
        [
          "Class", "Children on roster", "Acknowledged", "Re-acknowledge", "Outstanding",
          "% complete",
        ]
      ] + CompletionListTests.classes.map(counts) + [counts(nil)]
    #expect(workbook.shownRows("Summary", columns: 6) == expected)
    #expect(expected.last == ["Total", "90", "52", "10", "28", "0.577777778"])
    // And every count is a number, not text
    let summary = try #require(workbook.sheet("Summary"))
    for row in summary.rows.dropFirst() {
      for cell in row.dropFirst() {
        guard case .number = cell?.value else {
          Issue.record("\(String(describing: cell)) is not a number")
          continue
        }
      }
    }
    #expect(summary.rows.last?.allSatisfy { $0?.isBold == true } == true)
    // And the counts are those `induction stats` shows
    let statistics = try world.builder.database.statistics(
      context: ExportContext(currentGuidance: current.sha256, timeZone: Self.london))
    #expect(
      statistics.classes.map { counts($0.className) }
        == statistics.classes.map {
          [
            $0.className, "\($0.total)", "\($0.acknowledged)", "\($0.reacknowledge)",
            "\($0.outstanding)",
            String(format: "%.9f", Double($0.acknowledged) / Double($0.total)),
          ]
        })
    // And they agree with the statuses in the Completion sheet itself
    let completion = try #require(workbook.shownRows("Completion", columns: 7)).dropFirst()
    for className in CompletionListTests.classes {
      let statuses = completion.filter { $0[0] == className }.map { $0[3] }
      #expect(
        counts(className)[1...4]
          == [
            "\(statuses.count)", "\(statuses.filter { $0 == "acknowledged" }.count)",
            "\(statuses.filter { $0 == "re-acknowledge" }.count)",
            "\(statuses.filter { $0 == "outstanding" }.count)",
          ])
    }
  }

  @Test func withoutARosterTheSummaryCountsTheChildrenNamedAndFollowsTheClassFilter() throws {
    // Given acknowledgements and no roster (one child in "Year 3", another in "=Year 3")
    let (builder, _) = try ExportRoundTripTests.signedLedger(.sqlite)
    // When completion is exported for "year 3"
    let (workbook, _) = try Self.workbook(
      .completion, from: builder.database, filter: ExportFilter(className: "year 3"))
    // Then the Summary names its count as children named, and has that class and the total only
    #expect(
      workbook.shownRows("Summary", columns: 6) == [
        ["Class", "Children named", "Acknowledged", "Re-acknowledge", "Outstanding", "% complete"],
        ["Year 3", "1", "1", "0", "0", "1.000000000"],
        ["Total", "1", "1", "0", "0", "1.000000000"],
      ])
  }

  @Test func signedAtHoldsTheSchoolsWallClockAcrossBothClockChanges() throws {
    // Given signings at these instants (UTC), around the clock changes of 2026 in London
    let builder = try LedgerBuilder.inMemory()
    let instants: [(utc: String, wallClock: String)] = [
      ("2026-03-29 00:30", "2026-03-29 00:30:00"),  // GMT, half an hour before the change
      ("2026-03-29 01:30", "2026-03-29 02:30:00"),  // BST: 01:00 to 02:00 never happens
      ("2026-07-01 23:30", "2026-07-02 00:30:00"),  // BST, past midnight: the next day
      ("2026-10-25 00:30", "2026-10-25 01:30:00"),  // BST: the first 01:30 of the day
      ("2026-10-25 01:30", "2026-10-25 01:30:00"),  // GMT: the second 01:30, an hour later
      ("2026-10-26 00:30", "2026-10-26 00:30:00"),  // the day after the clocks go back: GMT
      ("2026-12-31 23:59:59", "2026-12-31 23:59:59"),
    ]
    for (index, instant) in instants.enumerated() {
      try builder.sign(
        parent: "Parent \(index)", children: [("Child \(index)", "Nursery")],
        at: LedgerBuilder.utc(instant.utc))
    }

    // When the acknowledgements are exported as a workbook
    let (workbook, _) = try Self.workbook(.acknowledgements, from: builder.database)

    // Then each "Signed at" is a date-time holding the wall-clock time in London at that instant
    let sheet = try #require(workbook.sheet("Acknowledgements"))
    let cells = sheet.rows.dropFirst().map { $0[1] }
    #expect(cells.map(\.shown) == instants.map(\.wallClock))
    #expect(cells.allSatisfy { $0?.numberFormat == "yyyy-mm-dd hh:mm" })
  }
}

/// The header and rows of a CSV file, read with CSV.swift's reader.
func readCSVFile(_ url: URL) throws -> (header: [String], rows: [[String]]) {
  let reader = try CSVReader(stream: try #require(InputStream(url: url)), hasHeaderRow: true)
  var rows: [[String]] = []
  while let row = reader.next() { rows.append(row) }
  // CSV.swift sets `error = .cannotReadFile` at the end of a file stream: the rows are compared.
  return (reader.headerRow ?? [], rows)
}
