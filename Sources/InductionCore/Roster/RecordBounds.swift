/// Bounds on a roster's records, checked scalar by scalar in one pass before any record is parsed:
/// parsed, a header of 200,000 columns took minutes, and a 50 MB line hundreds of megabytes.
///
/// It follows RFC 4180's quoting as far as the bounds need: a field that starts with `"` runs to the
/// closing quote (`""` inside it is a quote), and the commas and line breaks inside it belong to it.
struct RecordBounds {
  /// The most fields a record may have: a school's export has a few dozen at the most.
  static let maximumColumns = 200
  /// The most characters a record may have (more than 200 fields of the longest text a field may
  /// hold, ``RosterParser/maximumFieldLength``).
  static let maximumLength = 65_536

  /// What a record broke.
  enum Breach: Equatable {
    case tooManyColumns
    case tooLong

    /// The reason shown after `file:line:`.
    var reason: String {
      switch self {
      case .tooManyColumns:
        "has more than \(RecordBounds.maximumColumns) columns, more than a roster can need; export only the parent, child, class and email columns"
      case .tooLong:
        "is longer than 65,536 characters, longer than any roster row; check this is the roster CSV exported from the school's system"
      }
    }
  }

  private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

  /// The 1-based line the record being read starts on.
  private(set) var recordLine = 1
  private var line = 1
  private var afterCR = false
  private var state = State.fieldStart
  private var fields = 1
  private var length = 0
  private var atStart = true

  /// Reads the next scalar of the file; the breach when its record is now too wide or too long.
  mutating func read(_ scalar: Unicode.Scalar) -> Breach? {
    defer { atStart = false }
    if atStart && scalar == "\u{FEFF}" { return nil }
    let isBreak = scalar == "\r" || scalar == "\n"
    if scalar == "\r" || (scalar == "\n" && !afterCR) { line += 1 }
    afterCR = scalar == "\r"
    switch (state, scalar) {
    case (.quoted, "\""): state = .quoteInQuoted
    case (.quoted, _): break
    case (.fieldStart, "\""), (.quoteInQuoted, "\""): state = .quoted
    case (_, ","):
      fields += 1
      state = .fieldStart
    case _ where isBreak:
      (recordLine, fields, length, state) = (line, 1, 0, .fieldStart)
      return nil
    default: state = .unquoted
    }
    length += 1
    if fields > Self.maximumColumns { return .tooManyColumns }
    if length > Self.maximumLength { return .tooLong }
    return nil
  }
}
