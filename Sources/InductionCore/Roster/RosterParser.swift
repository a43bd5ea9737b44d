import CSV
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads the school's enrolment export (one row per child) with CSV.swift's reader and checks every
/// record, so that all problems can be shown at once as `file:line: reason`.
public enum RosterParser {
  /// The longest field accepted, in Unicode scalars after tidying.
  public static let maximumFieldLength = 200

  /// Roster files larger than this are refused before they are read: a school of 2,000 children
  /// exports well under 1 MB.
  public static let maximumBytes: Int64 = 50 * 1024 * 1024

  /// Parses the roster file at `path`, streaming it: its size is checked first (``maximumBytes``),
  /// then its UTF-8 is checked and its records read without holding the file in memory.
  /// `displayPath` is how problems name the file. A symbolic link is refused without reading what
  /// it points to, and the records are read from the file opened and checked, not from whatever
  /// is at `path` by then.
  public static func parse(fileAt path: String, displayPath: String) -> RosterParseResult {
    func refuse(_ reason: String, line: Int = 1) -> RosterParseResult {
      RosterParseResult(
        rows: [], problems: [RosterProblem(file: displayPath, line: line, reason: reason)])
    }
    switch BoundedFile.open(path, limit: maximumBytes, followingLinks: false) {
    case .failure(.unreadable):
      return refuse("file cannot be read; check the path and that you may read it")
    case .failure(.notARegularFile):
      return refuse("is not a regular file (a folder, device or pipe); give the roster CSV file")
    case .failure(.tooLarge(let size)):
      return refuse(
        "file is \(size / 1_048_576) MB, over the 50 MB limit for a roster; export only the current enrolment (one row per child)"
      )
    case .failure(.symbolicLink):
      return refuse("is a symbolic link, which is not followed; give the roster CSV file itself")
    case .success(let (fd, _)):
      let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
      return withExtendedLifetime(handle) {
        let chunks = AnyIterator { () -> Data? in
          let chunk = (try? handle.read(upToCount: 64 * 1024)) ?? Data()
          return chunk.isEmpty ? nil : chunk
        }
        if let problem = firstProblem(chunks) { return refuse(problem.reason, line: problem.line) }
        // The same open file again, from its start: the path may have been swapped meanwhile.
        guard lseek(fd, 0, SEEK_SET) == 0, let stream = InputStream(fileAtPath: "/dev/fd/\(fd)")
        else {
          return refuse("file cannot be read; check the path and that you may read it")
        }
        return parse(stream: stream, displayPath: displayPath)
      }
    }
  }

  /// Parses `data` (UTF-8 with or without a byte-order mark, CRLF or LF line ends). `displayPath`
  /// is how problems name the file.
  public static func parse(_ data: Data, displayPath: String) -> RosterParseResult {
    if let problem = firstProblem(CollectionOfOne(data).makeIterator()) {
      return RosterParseResult(
        rows: [],
        problems: [RosterProblem(file: displayPath, line: problem.line, reason: problem.reason)])
    }
    return parse(stream: InputStream(data: data), displayPath: displayPath)
  }

  private static func notUTF8(_ badLine: Int) -> String {
    "file is not UTF-8 text (the first bad character is on line \(badLine)); "
      + "save it from the spreadsheet as CSV UTF-8 and import again"
  }

  /// Reads records one at a time from `stream` (already checked to be UTF-8; a byte-order mark is
  /// skipped by the reader) and checks each.
  private static func parse(stream: InputStream, displayPath: String) -> RosterParseResult {
    var problems: [RosterProblem] = []
    func report(_ line: Int, _ reason: String) {
      problems.append(RosterProblem(file: displayPath, line: line, reason: reason))
    }
    var records = RecordReader(stream)
    guard let header = records.next() else {
      report(1, "file is empty; export the roster again with a header row")
      return RosterParseResult(rows: [], problems: problems)
    }
    var layout: RosterLayout?
    switch RosterLayout.resolve(header.fields) {
    case .success(let resolved): layout = resolved
    case .failure(let failure):
      for reason in failure.reasons { report(header.line, reason) }
    }
    var rows: [RosterRow] = []
    var repeated: [RosterRepeat] = []
    var childIndex: [String: Int] = [:]
    var recordCount = 0
    while let record = records.next() {
      recordCount += 1
      guard record.fields.count == header.fields.count else {
        report(
          record.line,
          "has \(record.fields.count) fields but the header has \(header.fields.count)")
        continue
      }
      guard let layout else { continue }
      var reasons: [String] = []
      if let row = row(record, layout, &reasons) {
        // A row per parent or contact names a child again: the child counts once, reached at the
        // first email given.
        let key = NameNormalisation.childKey(name: row.childName, className: row.className)
        if let index = childIndex[key] {
          if rows[index].parentEmail == nil { rows[index].parentEmail = row.parentEmail }
          repeated.append(RosterRepeat(line: row.line, firstLine: rows[index].line))
        } else {
          childIndex[key] = rows.count
          rows.append(row)
        }
      }
      for reason in reasons { report(record.line, reason) }
    }
    if recordCount == 0 {
      report(1, "file has a header row but no children; export the roster again with the children")
    }
    return RosterParseResult(rows: rows, problems: problems, repeated: repeated)
  }

  /// The row for one record of the right length, or `nil` with `reasons` filled in.
  private static func row(
    _ record: (line: Int, fields: [String]), _ layout: RosterLayout, _ reasons: inout [String]
  ) -> RosterRow? {
    let fields = record.fields
    let parent = cell(layout.parentName.cells(in: fields), "parent name", &reasons)
    var email: String?
    if let index = layout.parentEmail,
      let value = cell([fields[index]], "parent email", required: false, &reasons),
      !value.isEmpty
    {
      if isPlausibleEmail(value) {
        email = value
      } else {
        reasons.append("parent email is not an email address; correct it or leave it empty")
      }
    }
    let child = cell(layout.childName.cells(in: fields), "child name", &reasons)
    let className = cell([fields[layout.className]], "class", &reasons)
    guard reasons.isEmpty, let parent, let child, let className else { return nil }
    return RosterRow(
      line: record.line, parentName: parent, parentEmail: email, childName: child,
      className: className)
  }

  /// The tidied value of the cells making up one field, or `nil` with the reason it is unusable.
  private static func cell(
    _ cells: [String], _ label: String, required: Bool = true, _ reasons: inout [String]
  ) -> String? {
    // Checked before tidying, which would fold a tab or newline into a space and hide it.
    if cells.contains(where: { $0.unicodeScalars.contains(where: isForbidden) }) {
      reasons.append(
        "\(label) contains a control or text-direction character; retype it in the spreadsheet")
      return nil
    }
    if cells.contains(where: { NameNormalisation.invisibleCharacter(in: $0) != nil }) {
      reasons.append(
        "\(label) contains an invisible character (such as a zero-width space); retype it in the spreadsheet"
      )
      return nil
    }
    let value = NameNormalisation.tidy(cells.joined(separator: " "))
    // Counted in scalars so that stacked combining marks cannot hide a huge field in one
    // Character.
    if value.unicodeScalars.count > maximumFieldLength {
      reasons.append("\(label) is longer than \(maximumFieldLength) characters; shorten it")
      return nil
    }
    if required && value.isEmpty {
      reasons.append("\(label) is empty")
      return nil
    }
    // The kiosk refuses a name without a letter (`=1+1`, `12345`); so does the roster.
    if label.hasSuffix("name") && !value.isEmpty && !value.contains(where: \.isLetter) {
      reasons.append("\(label) has no letter; correct it in the spreadsheet")
      return nil
    }
    return value
  }

  /// Whether `text` has a name, an `@` and a domain, and no spaces.
  private static func isPlausibleEmail(_ text: String) -> Bool {
    guard let at = text.lastIndex(of: "@") else { return false }
    return at != text.startIndex && text.index(after: at) != text.endIndex
      && !text.contains(where: { $0.isWhitespace })
  }

  /// C0 and C1 controls, DEL, and the bidi marks, embeddings, overrides and isolates that can
  /// make a name display as something else.
  static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }

  /// Line breaks in `scalars`, counting CRLF as one, like the CSV reader.
  fileprivate static func lineBreaks(in scalars: some Sequence<Unicode.Scalar>) -> Int {
    var counter = LineBreakCounter()
    for scalar in scalars { counter.read(scalar) }
    return counter.count
  }

  /// The first reason the file cannot be parsed, found in one pass over its bytes before any
  /// record is parsed: a byte sequence that is not UTF-8 (reported at line 1, naming the line it
  /// is on), or a record wider or longer than ``RecordBounds`` allows (at the line it starts on).
  private static func firstProblem(_ chunks: some IteratorProtocol<Data>) -> (
    line: Int, reason: String
  )? {
    var bytes = ChunkedBytes(chunks: chunks)
    var decoder = UTF8()
    var counter = LineBreakCounter()
    var bounds = RecordBounds()
    while true {
      switch decoder.decode(&bytes) {
      case .scalarValue(let scalar):
        counter.read(scalar)
        if let breach = bounds.read(scalar) { return (bounds.recordLine, breach.reason) }
      case .emptyInput: return nil
      case .error: return (1, notUTF8(counter.count + 1))
      }
    }
  }

  /// Every record that is not blank, one at a time, with the physical line it starts on.
  private struct RecordReader {
    private let reader: CSVReader?
    private var line = 1

    init(_ stream: InputStream) { reader = try? CSVReader(stream: stream) }

    mutating func next() -> (line: Int, fields: [String])? {
      while let fields = reader?.next() {
        let start = line
        // The reader does not count lines: a record ends with one line break, and each quoted
        // field holds its own line breaks unchanged.
        line += 1 + fields.reduce(0) { $0 + RosterParser.lineBreaks(in: $1.unicodeScalars) }
        let isBlank = fields.allSatisfy {
          $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        if !isBlank { return (start, fields) }
      }
      return nil
    }
  }
}

/// The bytes of a sequence of chunks, one at a time.
private struct ChunkedBytes<Chunks: IteratorProtocol<Data>>: IteratorProtocol {
  var chunks: Chunks
  private var current = Data()
  private var index = 0

  init(chunks: Chunks) { self.chunks = chunks }

  mutating func next() -> UInt8? {
    while index >= current.endIndex {
      guard let chunk = chunks.next() else { return nil }
      current = chunk
      index = current.startIndex
    }
    defer { index += 1 }
    return current[index]
  }
}

/// Counts line breaks scalar by scalar: CR, LF and CRLF each end a line.
private struct LineBreakCounter {
  private(set) var count = 0
  private var afterCR = false

  mutating func read(_ scalar: Unicode.Scalar) {
    if scalar == "\r" || (scalar == "\n" && !afterCR) { count += 1 }
    afterCR = scalar == "\r"
  }
}
