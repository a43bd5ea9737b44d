import Foundation
import InductionCore
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("XLSX export writer")
struct XLSXExportWriterTests {
  static let school = "St Mary’s & <Primary>"

  static func writer(
    _ folder: URL, name: String = "x.xlsx", overwrite: Bool = false,
    header: [String] = ["Class", "Child", "Signed at", "First-try score"]
  ) throws -> XLSXExportWriter {
    try XLSXExportWriter(
      target: folder.appendingPathComponent(name), displayPath: "Exports/\(name)",
      overwrite: overwrite, sheetName: "Completion", header: header, schoolName: school)
  }

  static func contents(of folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  static func mode(_ url: URL) throws -> Int? {
    try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
  }

  /// `2026-07-01 10:00` UTC and its offset, as the export gives it.
  static func time(_ utc: String, offsetHours: Int) -> LocalTime {
    LocalTime(
      utcSeconds: Int(LedgerBuilder.utc(utc).timeIntervalSince1970),
      offsetSeconds: offsetHours * 3600)
  }

  static func text(_ value: String, bold: Bool = false) -> Workbook.Cell {
    Workbook.Cell(value: .text(value), numberFormat: "General", isBold: bold)
  }

  @Test func aSmallWorkbookIsExactlyTheseCells() throws {
    // Given a workbook with a text, a time and a score in a row, and a row with empty cells
    let folder = Fixtures.temporaryDirectory("xlsx")
    let writer = try Self.writer(folder)
    try writer.write([
      .text("Reception (Blue)"), .text("Zoë Smith"),
      .time(Self.time("2026-07-01 10:00:05", offsetHours: 1)), .score(correct: 14, total: 16),
    ])
    try writer.write([.text("Year 1"), .text(""), .text(""), .score(correct: 16, total: 16)])
    try writer.finish()

    // When it is read back
    let url = folder.appendingPathComponent("x.xlsx")
    let workbook = try Workbook(contentsOf: url)

    // Then it holds one sheet with exactly these cells: a bold header, text as text, the time as a
    // number on the wall clock formatted as a date-time, the scores as numbers shown as sixteenths
    #expect(writer.rowCount == 2)
    #expect(workbook.sheets.map(\.name) == ["Completion"])
    let sheet = try #require(workbook.sheet("Completion"))
    let serial = 46_204.0 + (11 * 3600 + 5) / 86_400.0  // 2026-07-01 11:00:05 on the wall clock
    #expect(
      sheet.rows[0]
        == ["Class", "Child", "Signed at", "First-try score"].map {
          Self.text($0, bold: true)
        })
    #expect(sheet.rows[1][0] == Self.text("Reception (Blue)"))
    #expect(sheet.rows[1][1] == Self.text("Zoë Smith"))
    let time = try #require(sheet.rows[1][2])
    #expect(time.numberFormat == "yyyy-mm-dd hh:mm")
    #expect(!time.isBold)
    guard case .number(let stored) = time.value else {
      Issue.record("the time is \(time.value), not a number")
      return
    }
    #expect(abs(stored - serial) < 0.5 / 86_400)
    #expect(time.shown == "2026-07-01 11:00:05")
    #expect(
      sheet.rows[1][3]
        == Workbook.Cell(value: .number(0.875), numberFormat: "?/16", isBold: false))
    #expect(
      sheet.rows[2] == [
        Self.text("Year 1"), nil, nil,
        Workbook.Cell(value: .number(1), numberFormat: "?/16", isBold: false),
      ])
    #expect(sheet.rows.count == 3)
    // And the header is frozen and filtered over every row written
    #expect(sheet.frozenRows == 1)
    #expect(sheet.autoFilter == "A1:D3")
    // And the title and author are the school's name, however it is spelled
    #expect(workbook.title == Self.school)
    #expect(workbook.author == Self.school)
    // And only the owner may read the file, and nothing else is left in the folder
    #expect(try Self.mode(url) == 0o600)
    #expect(try Self.contents(of: folder) == ["x.xlsx"])
  }

  /// Values a spreadsheet would turn into a number, date, boolean or formula if it guessed.
  static let lookalikes = [
    "0123", "1/2", "1e5", "TRUE", "false", "=1+1", "＝1+1", "+44 7700 900123", "-5", "@SUM(A1)",
    "2026-07-01", "12:30", "1,000", "£5", "50%", "(1)", "'quoted", " leading space", "trailing ",
    "Zoë", "Siobhán", "Łukasz", "Nguyễn", "Zoe\u{308} decomposed", "مريم", "👩‍👧",
  ]

  @Test func textASpreadsheetWouldConvertIsWrittenAsTextExactlyAsGiven() throws {
    // Given one text cell per look-alike value
    let folder = Fixtures.temporaryDirectory("xlsx")
    let writer = try Self.writer(folder, header: ["Value"])
    for value in Self.lookalikes { try writer.write([.text(value)]) }
    try writer.finish()

    // When the workbook is read back
    let workbook = try Workbook(contentsOf: folder.appendingPathComponent("x.xlsx"))

    // Then every cell is a text cell holding exactly the value, with no quote in front
    let sheet = try #require(workbook.sheet("Completion"))
    #expect(sheet.rows.dropFirst().map { $0.first ?? nil } == Self.lookalikes.map { Self.text($0) })
  }

  /// Text XML cannot hold as it is, text that looks like the escape used for it, and what each
  /// must read back as: control and text-direction characters shown as `\u{…}` text, as the CSV
  /// export and the terminal show them; LF and CR LF kept; everything else exactly as given.
  static let awkward: [(given: String, shown: String)] = [
    ("a\u{1}b", "a\\u{1}b"), ("nul\u{0}inside", "nul\\u{0}inside"), ("bell\u{7}", "bell\\u{7}"),
    ("cr\rinside", "cr\\u{D}inside"), ("crlf\r\ninside", "crlf\r\ninside"),
    ("tab\tand\nnewline", "tab\\u{9}and\nnewline"), ("del\u{7F}", "del\\u{7F}"),
    ("c1\u{85}\u{9B}", "c1\\u{85}\\u{9B}"), ("esc\u{1B}[31m", "esc\\u{1B}[31m"),
    ("\u{202E}override", "\\u{202E}override"), ("\u{FEFF}bom", "\\u{FEFF}bom"),
    ("_x0041_", "_x0041_"), ("_x005F_x0041_", "_x005F_x0041_"), ("__x0041__", "__x0041__"),
    ("_X0041_ upper", "_X0041_ upper"), ("_x004_ short", "_x004_ short"),
    ("\u{FFFE}\u{FFFF}", "\u{FFFE}\u{FFFF}"), ("trailing_x", "trailing_x"),
  ]

  @Test func controlCharactersAreShownAsInTheCSVAndEscapeLookAlikesReadBackAsTyped() throws {
    // Given cells holding control characters, CR LF, U+FFFE/U+FFFF and literal `_xHHHH_` text
    let folder = Fixtures.temporaryDirectory("xlsx")
    let writer = try Self.writer(folder, header: ["Value"])
    for value in Self.awkward { try writer.write([.text(value.given)]) }
    try writer.finish()

    // When it is read back (the reader fails on XML that is not well-formed)
    let workbook = try Workbook(contentsOf: folder.appendingPathComponent("x.xlsx"))

    // Then each cell reads back, escapes undone as a spreadsheet undoes them, as the CSV shows it
    let sheet = try #require(workbook.sheet("Completion"))
    #expect(
      sheet.rows.dropFirst().map { $0.first ?? nil } == Self.awkward.map { Self.text($0.shown) })
  }

  @Test func columnsAreFittedToTheirLongestCellAndCapped() throws {
    // Given a short column, a column with one long name far down, and a column with a very long value
    let folder = Fixtures.temporaryDirectory("xlsx")
    let writer = try Self.writer(folder, header: ["A", "Name", "Note"])
    for row in 0..<200 { try writer.write([.text("x"), .text("Ann \(row)"), .text("short")]) }
    try writer.write([.text("x"), .text("Siobhán Ní Mhaoldomhnaigh-O'Sullivan"), .text("")])
    try writer.write([.text("x"), .text("Bo"), .text(String(repeating: "long ", count: 40))])
    try writer.finish()

    // When it is read back
    let sheet = try #require(
      try Workbook(contentsOf: folder.appendingPathComponent("x.xlsx")).sheet("Completion"))

    // Then each column is as wide as its header with the filter button, or its longest cell (in
    // characters, not bytes), at most 60, plus a margin
    #expect(sheet.columnWidths.count == 3)
    let widths = (0..<3).map { Int((sheet.columnWidths[$0] ?? 0).rounded(.down)) }
    #expect(widths == [1 + 3 + 1, 36 + 1, 60 + 1])
  }

  @Test func aRowWithNoValuesStaysABlankRow() throws {
    let folder = Fixtures.temporaryDirectory("xlsx")
    let writer = try Self.writer(folder, header: ["Class", "Child"])
    try writer.write([.text("Nursery"), .text("Ada")])
    try writer.write([.text(""), .text("")])
    try writer.write([.text("Year 1"), .text("Ben")])
    try writer.finish()
    let sheet = try #require(
      try Workbook(contentsOf: folder.appendingPathComponent("x.xlsx")).sheet("Completion"))
    #expect(
      sheet.rows.dropFirst().map { $0.map(\.shown) } == [
        ["Nursery", "Ada"], [], ["Year 1", "Ben"],
      ])
    #expect(sheet.autoFilter == "A1:B4")
  }

  @Test func anEmptyExportIsTheHeaderOnlyWithItsFilter() throws {
    let folder = Fixtures.temporaryDirectory("xlsx")
    let writer = try Self.writer(folder, header: ["Class", "Child"])
    try writer.finish()
    let sheet = try #require(
      try Workbook(contentsOf: folder.appendingPathComponent("x.xlsx")).sheet("Completion"))
    #expect(sheet.rows == [[Self.text("Class", bold: true), Self.text("Child", bold: true)]])
    #expect(sheet.autoFilter == "A1:B1")
    #expect(sheet.frozenRows == 1)
  }

  @Test func theSummarySheetHoldsCountsPerClassAndATotalAsNumbers() throws {
    // Given a completion workbook and its counts per class
    let folder = Fixtures.temporaryDirectory("xlsx")
    let writer = try Self.writer(folder, header: ["Class"])
    try writer.write([.text("Nursery")])
    try writer.addSummary(
      CompletionSummary(
        fromRoster: true,
        classes: [
          .init(className: "Nursery", acknowledged: 3, reacknowledge: 1, outstanding: 2),
          .init(className: "=Year 1", acknowledged: 0, reacknowledge: 0, outstanding: 4),
        ]
      ).sheet)
    try writer.finish()

    // When it is read back
    let workbook = try Workbook(contentsOf: folder.appendingPathComponent("x.xlsx"))

    // Then the second sheet is Summary: a bold frozen header, one row per class and a bold total,
    // every count a number and the share acknowledged a percentage
    #expect(workbook.sheets.map(\.name) == ["Completion", "Summary"])
    let sheet = try #require(workbook.sheet("Summary"))
    func number(_ value: Double, _ format: String = "General", bold: Bool = false) -> Workbook.Cell
    {
      Workbook.Cell(value: .number(value), numberFormat: format, isBold: bold)
    }
    let header = [
      "Class", "Children on roster", "Acknowledged", "Re-acknowledge", "Outstanding", "% complete",
    ]
    #expect(sheet.rows.count == 4)
    #expect(sheet.rows[0] == header.map { Self.text($0, bold: true) })
    #expect(
      sheet.rows[1] == [
        Self.text("Nursery"), number(6), number(3), number(1), number(2), number(0.5, "0%"),
      ])
    #expect(
      sheet.rows[2] == [
        Self.text("=Year 1"), number(4), number(0), number(0), number(4), number(0, "0%"),
      ])
    #expect(
      sheet.rows[3] == [
        Self.text("Total", bold: true), number(10, bold: true), number(3, bold: true),
        number(1, bold: true), number(6, bold: true), number(0.3, "0%", bold: true),
      ])
    #expect(sheet.frozenRows == 1)
    #expect(sheet.autoFilter == nil)
  }

  // MARK: Targets

  /// Makes something that is not a plain file at `url`.
  enum Obstacle: String, CaseIterable, CustomTestStringConvertible {
    case folder, fifo, symlinkToFile, danglingSymlink, symlinkToFolder

    var testDescription: String { rawValue }

    func make(at url: URL, beside folder: URL) throws {
      switch self {
      case .folder:
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
      case .fifo:
        try #require(mkfifo(url.path, 0o600) == 0, "mkfifo failed: \(errno)")
      case .symlinkToFile:
        let real = folder.appendingPathComponent("real.xlsx")
        try Data("someone's own file".utf8).write(to: real)
        try FileManager.default.createSymbolicLink(at: url, withDestinationURL: real)
      case .danglingSymlink:
        try FileManager.default.createSymbolicLink(
          at: url, withDestinationURL: folder.appendingPathComponent("nowhere.xlsx"))
      case .symlinkToFolder:
        let real = folder.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(at: url, withDestinationURL: real)
      }
    }
  }

  @Test(arguments: Obstacle.allCases, [false, true])
  func aTargetThatIsNotAPlainFileIsRefusedEvenWhenReplacingIsAsked(
    obstacle: Obstacle, overwrite: Bool
  ) throws {
    // Given a folder, a FIFO or a symbolic link at the target
    let folder = Fixtures.temporaryDirectory("xlsx")
    let target = folder.appendingPathComponent("x.xlsx")
    try obstacle.make(at: target, beside: folder)
    let before = try Self.contents(of: folder)

    // When a workbook is started there, with or without replacing
    // Then it is refused, naming the file and what to do, and nothing in the folder changes
    #expect(throws: ExportError.notARegularFile(path: "Exports/x.xlsx")) {
      try Self.writer(folder, overwrite: overwrite)
    }
    #expect(try Self.contents(of: folder) == before)
    if obstacle == .symlinkToFile {
      #expect(
        try Data(contentsOf: folder.appendingPathComponent("real.xlsx"))
          == Data("someone's own file".utf8))
    }
  }

  @Test func anExistingFileIsRefusedWithoutReplacingAndReplacedWithIt() throws {
    // Given a file at the target
    let folder = Fixtures.temporaryDirectory("xlsx")
    let target = folder.appendingPathComponent("x.xlsx")
    let old = Data("an old workbook someone has open".utf8)
    try old.write(to: target)

    // When a workbook is started there without replacing, Then it is refused and the file is kept
    #expect(throws: ExportError.targetExists(path: "Exports/x.xlsx")) {
      try Self.writer(folder)
    }
    #expect(try Data(contentsOf: target) == old)
    #expect(try Self.contents(of: folder) == ["x.xlsx"])

    // When it is written with replacing, Then the file is the new workbook, mode 0600
    let writer = try Self.writer(folder, overwrite: true)
    try writer.write([.text("Nursery"), .text("Ada"), .text(""), .score(correct: 1, total: 2)])
    try writer.finish()
    let sheet = try #require(try Workbook(contentsOf: target).sheet("Completion"))
    #expect(sheet.rows[1].map(\.shown) == ["Nursery", "Ada", "", "1/2"])
    #expect(try Self.mode(target) == 0o600)
    #expect(try Self.contents(of: folder) == ["x.xlsx"])
  }

  @Test func aFileThatAppearsAtTheTargetWhileWritingIsNotReplaced() throws {
    // Given a workbook being written, and then a file created at the target
    let folder = Fixtures.temporaryDirectory("xlsx")
    let target = folder.appendingPathComponent("x.xlsx")
    let writer = try Self.writer(folder)
    try writer.write([.text("Nursery"), .text("Ada"), .text(""), .score(correct: 1, total: 2)])
    let theirs = Data("someone else's export".utf8)
    try theirs.write(to: target)

    // When the workbook is finished, Then it is refused and their file is kept, with nothing left over
    #expect(throws: ExportError.targetExists(path: "Exports/x.xlsx")) { try writer.finish() }
    #expect(try Data(contentsOf: target) == theirs)
    #expect(try Self.contents(of: folder) == ["x.xlsx"])
  }

  @Test func aFIFOThatAppearsAtTheTargetWhileWritingIsRefusedEvenWhenReplacing() throws {
    let folder = Fixtures.temporaryDirectory("xlsx")
    let target = folder.appendingPathComponent("x.xlsx")
    let writer = try Self.writer(folder, overwrite: true)
    try writer.write([.text("Nursery"), .text("Ada"), .text(""), .score(correct: 1, total: 2)])
    try #require(mkfifo(target.path, 0o600) == 0)
    #expect(throws: ExportError.notARegularFile(path: "Exports/x.xlsx")) { try writer.finish() }
    var info = stat()
    #expect(lstat(target.path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    #expect(try Self.contents(of: folder) == ["x.xlsx"])
  }

  @Test func abandoningLeavesNothingBehind() throws {
    let folder = Fixtures.temporaryDirectory("xlsx")
    let writer = try Self.writer(folder)
    try writer.write([.text("Nursery"), .text("Ada"), .text(""), .score(correct: 1, total: 2)])
    // While it is written, the only thing in the folder is the hidden private folder
    let during = try Self.contents(of: folder)
    #expect(during.count == 1 && during[0].hasPrefix(".x.xlsx.tmp-"), "\(during)")
    writer.abandon()
    #expect(try Self.contents(of: folder) == [])
  }

  @Test func aMissingFolderIsReportedPlainly() throws {
    let folder = Fixtures.temporaryDirectory("xlsx").appendingPathComponent("missing")
    #expect(throws: ExportError.cannotWrite(path: "Exports/x.xlsx")) { try Self.writer(folder) }
  }
}
