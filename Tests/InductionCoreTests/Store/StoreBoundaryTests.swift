import Foundation
import Testing

/// The store's boundary, read from the source tree: rows are read through records, never by a
/// column name in a subscript, and SQL is written only in `Sources/InductionCore/Store/`.
@Suite("Store boundary")
struct StoreBoundaryTests {
  /// `row["name"]`, `row?["name"]`, `$0["name"]`, `$1["name"]`.
  static var stringKeyedRead: Regex<Substring> { #/(?:\brow|\$0|\$1)\??\[\s*"/# }

  /// `decode(atIndex: 2)` or `decode("name")`: a column read by a number or a name rather than
  /// by a record's `Column`.
  static var untypedRead: Regex<Substring> { #/decode\((?:atIndex:\s*\d|")/# }

  /// Where rows are read below records: the row type and scalar fetches, and the migrations,
  /// which read tables as they were.
  static let belowRecords = [
    "Sources/InductionCore/Store/SQL/", "Sources/InductionCore/Store/SQLite/SQLiteMigrations.swift",
  ]

  /// The statements' keywords as they open a statement or clause, in capitals as the store
  /// writes them.
  static var sqlKeywords: [Regex<Substring>] {
    [
      #/SELECT /#, #/INSERT INTO/#, #/UPDATE\s+\w+\s+SET\b/#, #/DELETE FROM/#, #/CREATE TABLE/#,
      #/\bsql:/#,
    ]
  }

  /// The package's root, three folders above this file's.
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Each Swift file under `folder` (relative to the root) as its relative path and its lines of
  /// code, comment lines left out.
  static func codeLines(under folder: String) throws -> [(path: String, lines: [(Int, String)])] {
    let base = root.appendingPathComponent(folder)
    guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
    else { return [] }
    var files: [(path: String, lines: [(Int, String)])] = []
    for case let url as URL in walker where url.pathExtension == "swift" {
      let path = String(
        url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
      let text = try String(contentsOf: url, encoding: .utf8)
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        .filter { !$0.element.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
        .map { ($0.offset + 1, String($0.element)) }
      files.append((path, lines))
    }
    return files.sorted { $0.path < $1.path }
  }

  /// `path:line: text` for each line of `files` that `matches`.
  static func findings(
    in files: [(path: String, lines: [(Int, String)])], where matches: (String) -> Bool
  ) -> [String] {
    files.flatMap { file in
      file.lines.filter { matches($0.1) }.map {
        "\(file.path):\($0.0): \($0.1.trimmingCharacters(in: .whitespaces))"
      }
    }
  }

  @Test func theSourcesAreFound() throws {
    let files = try Self.codeLines(under: "Sources/InductionCore/Store")
    #expect(files.contains { $0.path == "Sources/InductionCore/Store/AppDatabase.swift" })
  }

  @Test func noSourceReadsARowByColumnName() throws {
    let files = try Self.codeLines(under: "Sources")
    let found = Self.findings(in: files) { $0.contains(Self.stringKeyedRead) }
    #expect(
      found.isEmpty, "read rows through a record's init(row:):\n\(found.joined(separator: "\n"))")
  }

  @Test func recordsReadColumnsThroughTheirColumnEnum() throws {
    let files = try Self.codeLines(under: "Sources").filter { file in
      !Self.belowRecords.contains { file.path.hasPrefix($0) }
    }
    let found = Self.findings(in: files) { $0.contains(Self.untypedRead) }
    #expect(
      found.isEmpty,
      "read a column as row.decode(Column.name), with the record's Column enum:\n\(found.joined(separator: "\n"))"
    )
  }

  @Test func noSQLIsWrittenOutsideTheStore() throws {
    let files = try Self.codeLines(under: "Sources").filter {
      !$0.path.hasPrefix("Sources/InductionCore/Store/")
    }
    let found = Self.findings(in: files) { line in
      Self.sqlKeywords.contains { line.contains($0) }
    }
    #expect(
      found.isEmpty, "write SQL in Sources/InductionCore/Store/:\n\(found.joined(separator: "\n"))")
  }

  @Test func theChecksFindWhatTheyLookFor() {
    #expect(#"let name: String = row["name"]"#.contains(Self.stringKeyedRead))
    #expect(#"rows.map { $0["id"] as Int }"#.contains(Self.stringKeyedRead))
    #expect(!#"rows.map { $0.mapping?["id"] }"#.contains(Self.stringKeyedRead))
    #expect("seq = try row.decode(atIndex: 0)".contains(Self.untypedRead))
    #expect(#"kind = try row.decode("kind")"#.contains(Self.untypedRead))
    #expect(!"seq = try row.decode(Column.seq)".contains(Self.untypedRead))
    #expect(!"try row.decode(atIndex: seqIndex)".contains(Self.untypedRead))
    #expect(#""UPDATE invitation SET used_at = ?""#.contains(Self.sqlKeywords[2]))
    #expect(!"// Update the list, then set it".contains(Self.sqlKeywords[2]))
  }
}
