/// The width of each column of a workbook sheet, fitted to the longest cell and capped.
///
/// In constant-memory mode rows go to disk as they are written, so widths cannot be measured
/// afterwards, and measuring only the first rows would miss a long name further down. Instead the
/// widest cell so far is kept per column (one integer each, so memory stays flat) and the widths are
/// set when the sheet is finished: libxlsxwriter writes a sheet's `<cols>` when it assembles the
/// file at close, so `worksheet_set_column` after the rows still applies.
struct ColumnWidths {
  /// The widest a column is made, in characters, so one long value cannot push the rest off screen.
  static let cap = 60
  /// Room for the autofilter's drop-down button beside a header.
  static let filterButton = 3

  /// The width of each column so far, in characters.
  private(set) var characters: [Int]

  /// Starts each column as wide as its header, plus the filter button when there is one.
  init(header: [String], filtered: Bool) {
    characters = header.map { min(Self.cap, Self.width($0) + (filtered ? Self.filterButton : 0)) }
  }

  /// Widens `column` to fit `text`.
  mutating func fit(_ text: String, column: Int) {
    let current = characters[column]
    // A character takes at least one UTF-8 byte, so text with no more bytes than the column is
    // wide already fits: the usual row costs no counting at all.
    guard current < Self.cap, text.utf8.count > current else { return }
    characters[column] = min(Self.cap, max(current, Self.width(text)))
  }

  /// Widens `column` to `width` characters.
  mutating func fit(width: Int, column: Int) {
    characters[column] = min(Self.cap, max(characters[column], width))
  }

  /// The column width libxlsxwriter is given: the characters plus a margin.
  func sheetWidth(_ column: Int) -> Double { Double(characters[column]) + 1 }

  /// How many characters `text` shows on its longest line.
  static func width(_ text: String) -> Int {
    text.split(separator: "\n", omittingEmptySubsequences: false).map(\.count).max() ?? 0
  }
}
