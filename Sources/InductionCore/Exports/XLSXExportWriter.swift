import CXlsxwriter
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Streams an export into an Excel workbook through libxlsxwriter, row by row.
///
/// Every text cell is a text cell (so `0123`, `1/2`, `1e5`, `TRUE` and `=1+1` stay as typed and no
/// formula guard is needed) holding what the CSV export shows (see ``XLSXText/cell(_:)``), a time is a date-time on the school's wall clock shown as
/// `yyyy-mm-dd hh:mm`, and a score is a number shown as a fraction (`14/16`). The header row is
/// bold and frozen with an autofilter, columns are fitted to their longest cell (up to
/// ``ColumnWidths/cap`` characters), and the document's title and author are the school's name.
/// An export may get a second sheet of figures from ``addSummary(_:)``.
///
/// libxlsxwriter runs in constant-memory mode: each row goes to a temporary file as soon as the next
/// one starts, so memory stays flat at a million rows. Its temporary files and the workbook are made
/// in a private folder beside the target (see ``WorkbookFile``), and ``finish()`` reads the workbook
/// back (see ``WorkbookCheck``) before renaming it onto the target, mode 0600: a failure or a crash
/// never leaves a partial workbook at the target.
public final class XLSXExportWriter: ExportWriter {
  /// The number format of times: a date and a time to the minute.
  public static let timeFormat = "yyyy-mm-dd hh:mm"
  /// The number format of a share shown as a percentage.
  public static let percentFormat = "0%"
  /// The most data rows one sheet holds (Excel's 1,048,576 rows, less the header).
  public static let maximumRows = Int(LXW_ROW_MAX) - 1

  /// How many rows after the header have been written to the main sheet.
  public private(set) var rowCount = 0

  private enum State {
    case writing, finished, abandoned
    case failed(ExportError)
  }

  /// One sheet being written: libxlsxwriter's handle, its widths, its rows so far (the header
  /// included), and how many of them have a cell (libxlsxwriter writes no element for an empty
  /// row, and the read-back counts elements).
  private struct Sheet {
    let handle: UnsafeMutablePointer<lxw_worksheet>
    var widths: ColumnWidths
    var rows = 1
    var rowsWithCells = 1
  }

  private let file: WorkbookFile
  private let displayPath: String
  private let columnCount: Int
  private let temporaryFolder: UnsafeMutablePointer<CChar>
  private var workbook: UnsafeMutablePointer<lxw_workbook>?
  private var sheets: [Sheet] = []
  private var state = State.writing
  private let bold: UnsafeMutablePointer<lxw_format>
  private let time: UnsafeMutablePointer<lxw_format>
  private var fractions: [Int: UnsafeMutablePointer<lxw_format>] = [:]

  /// Creates the workbook for `target` with one sheet named `sheetName` and writes `header`.
  /// Refuses a target that is not a plain file (even when `overwrite`), and an existing file unless
  /// `overwrite`. `schoolName` becomes the document's title and author.
  public init(
    target: URL, displayPath: String, overwrite: Bool, sheetName: String, header: [String],
    schoolName: String?
  ) throws {
    file = try WorkbookFile(target: target, displayPath: displayPath, overwrite: overwrite)
    self.displayPath = displayPath
    columnCount = header.count
    temporaryFolder = strdup(file.folder)
    var options = lxw_workbook_options()
    options.constant_memory = UInt8(LXW_TRUE.rawValue)
    options.tmpdir = temporaryFolder
    guard let workbook = workbook_new_opt(file.path, &options),
      let bold = workbook_add_format(workbook), let time = workbook_add_format(workbook)
    else {
      let error = file.error(for: errno)
      file.discard()
      free(temporaryFolder)
      throw error
    }
    self.workbook = workbook
    self.bold = bold
    self.time = time
    format_set_bold(bold)
    format_set_num_format(time, Self.timeFormat)
    if let schoolName {
      let name = strdup(Self.plain(schoolName))
      defer { free(name) }
      var properties = lxw_doc_properties()
      properties.title = name
      properties.author = name
      _ = workbook_set_properties(workbook, &properties)
    }
    try addSheet(sheetName, header: header, filtered: true)
  }

  deinit {
    if case .writing = state { abandon() }
    free(temporaryFolder)
  }

  /// Writes one row to the main sheet, which must have as many cells as the header.
  public func write(_ row: [ExportCell]) throws {
    precondition(row.count == columnCount, "a row has \(row.count) cells, header \(columnCount)")
    try ensureWriting()
    guard rowCount < Self.maximumRows else { throw fail(.tooManyRows(path: displayPath)) }
    try write(row, sheet: 0)
    rowCount += 1
  }

  /// Adds `summary` as a second sheet: its lines, then its total in bold. Counts are numbers and
  /// the share a percentage.
  public func addSummary(_ summary: SummarySheet) throws {
    try ensureWriting()
    // No autofilter here: sorting would move the total row in among the lines.
    try addSheet(summary.name, header: summary.header, filtered: false)
    let index = sheets.count - 1
    for line in summary.lines { try writeSummary(line, sheet: index, emphasised: false) }
    try writeSummary(summary.total, sheet: index, emphasised: true)
  }

  /// Finishes the sheets, writes the workbook, reads it back, and renames it onto the target
  /// (refusing a target that appeared meanwhile unless replacing was asked for).
  public func finish() throws {
    try ensureWriting()
    guard let workbook else { preconditionFailure("the workbook is already closed") }
    for sheet in sheets {
      for column in 0..<sheet.widths.characters.count {
        let result = worksheet_set_column(
          sheet.handle, lxw_col_t(column), lxw_col_t(column), sheet.widths.sheetWidth(column), nil)
        if result != LXW_NO_ERROR { throw fail(error(for: result)) }
      }
    }
    let main = sheets[0]
    let filter = worksheet_autofilter(
      main.handle, 0, 0, lxw_row_t(main.rows - 1), lxw_col_t(columnCount - 1))
    if filter != LXW_NO_ERROR { throw fail(error(for: filter)) }
    if sheets.contains(where: { induction_xlsx_rows_lost($0.handle) != 0 }) {
      throw fail(lostWrite())
    }
    errno = 0
    let closed = workbook_close(workbook)
    self.workbook = nil
    if closed != LXW_NO_ERROR { throw fail(error(for: closed)) }
    do {
      try WorkbookCheck.verify(path: file.path, rows: sheets.map(\.rowsWithCells))
    } catch {
      throw fail(lostWrite())
    }
    do {
      try file.commit()
    } catch let error as ExportError {
      state = .failed(error)
      throw error
    }
    state = .finished
  }

  /// Stops the export: the workbook and its folder are removed and the target is left as it was.
  public func abandon() {
    guard case .writing = state else { return }
    release()
    state = .abandoned
  }

  // MARK: Sheets and cells

  private func addSheet(_ name: String, header: [String], filtered: Bool) throws {
    guard let workbook, let handle = workbook_add_worksheet(workbook, name) else {
      throw fail(.cannotWrite(path: displayPath))
    }
    worksheet_freeze_panes(handle, 1, 0)
    sheets.append(Sheet(handle: handle, widths: ColumnWidths(header: header, filtered: filtered)))
    for (column, title) in header.enumerated() {
      try check(
        worksheet_write_string(handle, 0, lxw_col_t(column), XLSXText.escaped(title), bold))
    }
  }

  private func write(_ row: [ExportCell], sheet index: Int) throws {
    let handle = sheets[index].handle
    let line = lxw_row_t(sheets[index].rows)
    var wroteAny = false
    for (column, cell) in row.enumerated() {
      let at = lxw_col_t(column)
      switch cell {
      case .text(let text):
        // An empty cell is left out, as a spreadsheet would leave it.
        guard !text.isEmpty else { continue }
        sheets[index].widths.fit(text, column: column)
        try check(worksheet_write_string(handle, line, at, XLSXText.cell(text), nil))
      case .time(let time):
        sheets[index].widths.fit(width: Self.timeFormat.count, column: column)
        try check(worksheet_write_number(handle, line, at, time.spreadsheetSerial, self.time))
      case .score(let correct, let total):
        sheets[index].widths.fit(width: "\(correct)/\(total)".count, column: column)
        if total > 0 {
          try check(
            worksheet_write_number(
              handle, line, at, Double(correct) / Double(total), fraction(total)))
        } else {
          try check(worksheet_write_string(handle, line, at, "\(correct)/\(total)", nil))
        }
      }
      wroteAny = true
    }
    sheets[index].rows += 1
    if wroteAny { sheets[index].rowsWithCells += 1 }
  }

  private func writeSummary(_ line: SummarySheet.Line, sheet index: Int, emphasised: Bool) throws {
    let handle = sheets[index].handle
    let row = lxw_row_t(sheets[index].rows)
    let format = emphasised ? bold : nil
    sheets[index].widths.fit(line.name, column: 0)
    try check(worksheet_write_string(handle, row, 0, XLSXText.cell(line.name), format))
    for (column, value) in line.counts.enumerated() {
      try check(worksheet_write_number(handle, row, lxw_col_t(column + 1), Double(value), format))
    }
    if let share = line.share {
      try check(
        worksheet_write_number(
          handle, row, lxw_col_t(line.counts.count + 1), share, percent(emphasised: emphasised)))
    }
    sheets[index].rows += 1
    sheets[index].rowsWithCells += 1
  }

  /// `?/16`: a score out of 16 shown as `14/16` (a fixed denominator, so 8/16 is not shown as 1/2).
  private func fraction(_ total: Int) -> UnsafeMutablePointer<lxw_format>? {
    if let format = fractions[total] { return format }
    guard let workbook, let format = workbook_add_format(workbook) else { return nil }
    format_set_num_format(format, "?/\(total)")
    fractions[total] = format
    return format
  }

  private lazy var percentPlain: UnsafeMutablePointer<lxw_format>? = makePercent(bold: false)
  private lazy var percentBold: UnsafeMutablePointer<lxw_format>? = makePercent(bold: true)

  private func percent(emphasised: Bool) -> UnsafeMutablePointer<lxw_format>? {
    emphasised ? percentBold : percentPlain
  }

  private func makePercent(bold: Bool) -> UnsafeMutablePointer<lxw_format>? {
    guard let workbook, let format = workbook_add_format(workbook) else { return nil }
    format_set_num_format(format, Self.percentFormat)
    if bold { format_set_bold(format) }
    return format
  }

  // MARK: Errors

  private func check(_ result: lxw_error) throws {
    if result != LXW_NO_ERROR { throw fail(error(for: result)) }
  }

  private func error(for result: lxw_error) -> ExportError {
    switch result {
    case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE: .tooManyRows(path: displayPath)
    case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED: .cellTooLong(path: displayPath)
    default: file.error(for: errno)
    }
  }

  /// The error for data libxlsxwriter lost while writing. Its writes go unchecked, so errno is
  /// whatever a later call left; short of an I/O error, lost data means no room was left on the
  /// disk or under a file-size limit or quota.
  private func lostWrite() -> ExportError {
    errno == EIO ? .cannotWrite(path: displayPath) : .diskFull(path: displayPath)
  }

  private func ensureWriting() throws {
    switch state {
    case .writing: return
    case .failed(let error): throw error
    case .finished, .abandoned: preconditionFailure("the workbook export is already closed")
    }
  }

  /// Records `error`, removes everything written, and returns the error to throw.
  private func fail(_ error: ExportError) -> ExportError {
    release()
    state = .failed(error)
    return error
  }

  private func release() {
    if let workbook {
      lxw_workbook_free(workbook)
      self.workbook = nil
    }
    file.discard()
  }

  /// `text` without control characters, for document properties, where no escape is read back.
  private static func plain(_ text: String) -> String {
    String(
      String.UnicodeScalarView(
        text.unicodeScalars.filter { !($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) }))
  }
}
