import CSV
import Foundation
import InductionCore
import TestSupport
import Testing

/// Awkward names signed through the store API, exported to a file, and read back with CSV.swift:
/// every value comes back as stored, except the `'` in front of a cell a spreadsheet would run.
@Suite("Exports: round trip through CSV.swift")
struct ExportRoundTripTests {
  static let london = TimeZone(identifier: "Europe/London")!

  /// The first characters that must be neutralised, listed here independently of the program.
  static let triggers: Set<Unicode.Scalar> = [
    "=", "+", "-", "@", "\t", "\r", "\n", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}",
  ]

  /// `value` as a spreadsheet-safe cell should read back: with a leading `'` when its first
  /// scalar is a trigger.
  /// What the export must hold for `value`: control characters other than LF and CR LF written
  /// as `\u{…}` text (the value may be streamed to a terminal), then a `'` before a trigger.
  static func safe(_ value: String) -> String {
    let scalars = Array(value.unicodeScalars)
    var escaped = ""
    for (index, scalar) in scalars.enumerated() {
      let crlf = scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n"
      if (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)) && scalar != "\n" && !crlf {
        escaped += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
      } else {
        escaped.unicodeScalars.append(scalar)
      }
    }
    guard let first = escaped.unicodeScalars.first, triggers.contains(first) else { return escaped }
    return "'" + escaped
  }

  /// One signing: what is typed, and what the store keeps (NFC, white space collapsed).
  struct Signing {
    var parent: String
    var storedParent: String
    var relationship: String
    var storedRelationship: String
    var children: [(name: String, className: String)]
    var storedChildren: [(name: String, className: String)]
    var station: String
    var at: String
    var shownAt: String
    var firstTry: Int
  }

  static let signings: [Signing] = [
    Signing(
      parent: "Smith, Jo \"JJ\"", storedParent: "Smith, Jo \"JJ\"", relationship: "parent",
      storedRelationship: "parent",
      // A decomposed ë is stored (and exported) precomposed.
      children: [("Zoe\u{308} O'Neil-Smith", "Reception (Blue)")],
      storedChildren: [("Zo\u{EB} O'Neil-Smith", "Reception (Blue)")],
      station: "Reception", at: "2026-07-01 10:00", shownAt: "2026-07-01 11:00:00 +01:00",
      firstTry: 16),
    Signing(
      parent: "=HYPERLINK(\"http://evil.test\",\"Click\")",
      storedParent: "=HYPERLINK(\"http://evil.test\",\"Click\")", relationship: "carer",
      storedRelationship: "carer",
      children: [("+44 Ruby", "-Year 1"), ("@Home Kid", "Year 2")],
      storedChildren: [("+44 Ruby", "-Year 1"), ("@Home Kid", "Year 2")],
      station: "\tDesk 2", at: "2026-11-20 09:30:05", shownAt: "2026-11-20 09:30:05 +00:00",
      firstTry: 15),
    Signing(
      parent: "مريم الأحمد", storedParent: "مريم الأحمد", relationship: "parent",
      storedRelationship: "parent",
      children: [("שרה כהן", "\u{FF1D}Class")], storedChildren: [("שרה כהן", "\u{FF1D}Class")],
      // 00:30 UTC on the day the clocks go forward is still GMT.
      station: "\rDesk 3", at: "2026-03-29 00:30", shownAt: "2026-03-29 00:30:00 +00:00",
      firstTry: 14),
    Signing(
      parent: "\u{FF0B}Plus Parent", storedParent: "\u{FF0B}Plus Parent",
      relationship: "guardian, legal",
      storedRelationship: "guardian, legal",
      children: [("\u{FF0D}Minus", "\u{FF20}At Class")],
      storedChildren: [("\u{FF0D}Minus", "\u{FF20}At Class")],
      station: "\nDesk 4", at: "2026-03-29 01:30", shownAt: "2026-03-29 02:30:00 +01:00",
      firstTry: 13),
    Signing(
      parent: "👩‍👧 Family 😀", storedParent: "👩‍👧 Family 😀", relationship: "parent",
      storedRelationship: "parent",
      // A line break inside a name is white space: the store collapses it to one space.
      children: [("Siobhán\r\nNewline", "Nursery")],
      storedChildren: [("Siobhán Newline", "Nursery")],
      station: "Desk, \"five\"\r\nsecond line",
      // The last second of summer time, and (below) the first of winter time an hour later.
      at: "2026-10-25 00:59:59", shownAt: "2026-10-25 01:59:59 +01:00", firstTry: 12),
    Signing(
      parent: "-Dash Parent", storedParent: "-Dash Parent", relationship: "parent",
      storedRelationship: "parent",
      // "=\u{301}" is one Character that is not "=", but a spreadsheet still sees "=". NFC reorders
      // the two marks on q (dot below, class 220, before dot above, class 230).
      children: [("=\u{301}Accent", "=Year 3"), ("q\u{307}\u{323} Reorder", "Year 3")],
      storedChildren: [("=\u{301}Accent", "=Year 3"), ("q\u{323}\u{307} Reorder", "Year 3")],
      station: "@Desk", at: "2026-10-25 01:00", shownAt: "2026-10-25 01:00:00 +00:00", firstTry: 11),
    Signing(
      parent: "@Parent Tab\tInside", storedParent: "@Parent Tab Inside",
      relationship: "\t carer \n",
      storedRelationship: "carer",
      children: [("Ａｌｉ \"Ali\" Khan", "Year 4")], storedChildren: [("Ａｌｉ \"Ali\" Khan", "Year 4")],
      station: "Reception", at: "2026-12-31 23:59:59", shownAt: "2026-12-31 23:59:59 +00:00",
      firstTry: 10),
    Signing(
      parent: ",Comma First", storedParent: ",Comma First", relationship: "parent",
      storedRelationship: "parent",
      children: [("\"Quoted\" Child", ",Class")], storedChildren: [("\"Quoted\" Child", ",Class")],
      station: "Reception", at: "2026-06-15 12:00", shownAt: "2026-06-15 13:00:00 +01:00",
      firstTry: 9),
  ]

  /// The signings above, in one database.
  static func signedLedger(_ engine: TestEngine) throws -> (LedgerBuilder, [LedgerEntry]) {
    let builder = try LedgerBuilder.fresh(engine)
    let entries = try signings.map { signing in
      try builder.sign(
        parent: signing.parent, relationship: signing.relationship, children: signing.children,
        at: LedgerBuilder.utc(signing.at), station: signing.station,
        firstTryCorrect: signing.firstTry,
        scenarioCount: 16)
    }
    return (builder, entries)
  }

  /// Exports `kind` to a file and returns its bytes, header and rows as CSV.swift reads them.
  static func export(
    _ kind: ExportKind, from database: AppDatabase, filter: ExportFilter = ExportFilter()
  ) throws -> (bytes: [UInt8], header: [String], rows: [[String]], written: Int) {
    let url = Fixtures.temporaryDirectory("export").appendingPathComponent("\(kind.rawValue).csv")
    let writer = try CSVExportWriter(
      destination: .file(url, displayPath: url.lastPathComponent, overwrite: false),
      header: kind.header)
    let context = ExportContext(
      currentGuidance: LedgerBuilder.fixtureGuidance.sha256, timeZone: london)
    let written = try database.export(kind, filter: filter, context: context, into: writer)
    try writer.finish()
    let reader = try CSVReader(stream: try #require(InputStream(url: url)), hasHeaderRow: true)
    var rows: [[String]] = []
    while let row = reader.next() { rows.append(row) }
    // CSV.swift sets `error = .cannotReadFile` at the end of a file stream: the rows are compared.
    return (Array(try Data(contentsOf: url)), reader.headerRow ?? [], rows, written)
  }

  /// Checks what every export must be, whatever its rows: BOM, CRLF records, header-wide rows.
  static func expectWellFormed(
    _ export: (bytes: [UInt8], header: [String], rows: [[String]], written: Int), header: [String]
  ) {
    #expect(Array(export.bytes.prefix(3)) == utf8BOM)
    #expect(export.header == header)
    #expect(export.written == export.rows.count)
    #expect(
      crlfRecordCount(export.bytes) == export.rows.count + 1, "a record does not end with CRLF")
    for row in export.rows {
      #expect(
        row.count == header.count, "row \(row) has \(row.count) fields, the header \(header.count)")
    }
  }

  static func sorted(_ rows: [[String]]) -> [[String]] {
    rows.sorted { $0.lexicographicallyPrecedes($1) }
  }

  @Test(arguments: TestEngine.available)
  func awkwardNamesComeBackIdenticalFromTheAcknowledgementsExport(engine: TestEngine) throws {
    // Given acknowledgements with commas, quotes, line breaks, emoji, combining marks, right-to-left
    // text and every formula trigger in their names, relationships and stations
    let (builder, entries) = try Self.signedLedger(engine)

    // When they are exported and read back with CSV.swift
    let export = try Self.export(.acknowledgements, from: builder.database)

    // Then the file is well formed
    Self.expectWellFormed(
      export,
      header: [
        "Reference", "Signed at", "Parent", "Relationship", "Children", "Classes",
        "Guidance version",
        "Status", "First-try score", "Station", "Language",
      ])
    // And every value is the one stored, with `'` only in front of trigger cells
    let expected = zip(Self.signings, entries).map { signing, entry in
      [
        LedgerBuilder.shown(entry), signing.shownAt, Self.safe(signing.storedParent),
        Self.safe(signing.storedRelationship),
        Self.safe(signing.storedChildren.map(\.name).joined(separator: "; ")),
        Self.safe(signing.storedChildren.map(\.className).joined(separator: "; ")),
        LedgerBuilder.version(1, LedgerBuilder.fixtureGuidance), "current",
        "\(signing.firstTry)/16",
        Self.safe(signing.station), "en",
      ]
    }
    #expect(export.rows == expected)
    // And every trigger led some cell, so each one was exercised; a tab and a lone CR are shown
    // escaped as text (`\u{9}`), so they no longer start the cell and need no `'`
    let leading = Set(
      export.rows.flatMap { $0 }.compactMap { cell -> Unicode.Scalar? in
        cell.hasPrefix("'") ? cell.unicodeScalars.dropFirst().first : nil
      })
    #expect(leading == Self.triggers.subtracting(["\t", "\r"]))
    #expect(export.rows.flatMap { $0 }.contains { $0.hasPrefix("\\u{9}") })
  }

  @Test(arguments: TestEngine.available)
  func awkwardNamesComeBackIdenticalFromTheCompletionExportWithoutARoster(engine: TestEngine) throws
  {
    // Given the same acknowledgements and no roster
    let (builder, entries) = try Self.signedLedger(engine)

    // When completion is exported (one row per child named) and read back
    let export = try Self.export(.completion, from: builder.database)

    // Then the file is well formed and each child comes back as stored, acknowledged
    Self.expectWellFormed(
      export,
      header: [
        "Class", "Child", "Parent (roster)", "Status", "Acknowledged by", "Signed at", "Reference",
        "Language",
      ])
    let expected = zip(Self.signings, entries).flatMap { signing, entry in
      signing.storedChildren.map { child in
        [
          Self.safe(child.className), Self.safe(child.name), "", "acknowledged",
          Self.safe(signing.storedParent),
          signing.shownAt, LedgerBuilder.shown(entry), "en",
        ]
      }
    }
    #expect(Self.sorted(export.rows) == Self.sorted(expected))
    #expect(export.rows.count == 10)
  }

  @Test(arguments: TestEngine.available)
  func rosterValuesWithControlCharactersComeBackFromCompletionAndOutstanding(engine: TestEngine)
    throws
  {
    // Given a roster whose values start with tab, CR and LF (the roster parser refuses these, so
    // they are put straight into the store: the export must still be safe) and one child acknowledged
    let (builder, entries) = try Self.signedLedger(engine)
    let roster = [
      RosterRow(
        line: 2, parentName: "\tTab Parent", parentEmail: "=cmd@example.test",
        childName: "\rCR Child",
        className: "\nLF Class"),
      RosterRow(
        line: 3, parentName: "+Plus, \"Parent\"", parentEmail: nil, childName: "Zoë O'Neil-Smith",
        className: "Reception (Blue)"),
      RosterRow(
        line: 4, parentName: "مريم الأحمد", parentEmail: "maryam@example.test",
        childName: "\u{FF0B}Full Width",
        className: "Year 2"),
    ]
    try builder.database.replaceRoster(roster, at: LedgerBuilder.utc("2026-09-01 08:00"))

    // When completion and outstanding are exported and read back
    let completion = try Self.export(.completion, from: builder.database)
    let outstanding = try Self.export(.outstanding, from: builder.database)

    // Then both are well formed, and hold the roster values with `'` on the trigger cells
    Self.expectWellFormed(
      completion,
      header: [
        "Class", "Child", "Parent (roster)", "Status", "Acknowledged by", "Signed at", "Reference",
        "Language",
      ])
    Self.expectWellFormed(
      outstanding, header: ["Class", "Child", "Parent", "Email", "Status", "Language"])
    #expect(
      Self.sorted(completion.rows)
        == Self.sorted([
          ["'\nLF Class", "\\u{D}CR Child", "\\u{9}Tab Parent", "outstanding", "", "", "", ""],
          [
            "Reception (Blue)", "Zoë O'Neil-Smith", "'+Plus, \"Parent\"", "acknowledged",
            "Smith, Jo \"JJ\"",
            "2026-07-01 11:00:00 +01:00", LedgerBuilder.shown(entries[0]), "en",
          ],
          ["Year 2", "'\u{FF0B}Full Width", "مريم الأحمد", "outstanding", "", "", "", ""],
        ]))
    #expect(
      Self.sorted(outstanding.rows)
        == Self.sorted([
          [
            "'\nLF Class", "\\u{D}CR Child", "\\u{9}Tab Parent", "'=cmd@example.test",
            "outstanding", "",
          ],
          [
            "Year 2", "'\u{FF0B}Full Width", "مريم الأحمد", "maryam@example.test", "outstanding",
            "",
          ],
        ]))
  }
}
