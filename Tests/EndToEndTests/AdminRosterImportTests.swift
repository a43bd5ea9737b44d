import Foundation
import TestSupport
import Testing

/// `induction roster import FILE` through the built binary: good files replace the roster, bad files
/// are refused naming FILE:LINE and change nothing, `--skip-invalid` imports what it can.
@Suite("Admin: roster import", .hangGuard)
struct AdminRosterImportTests {
  /// The first roster: UTF-8 with a byte-order mark and CRLF, as Excel saves it.
  static let firstRoster =
    "\u{FEFF}Parent Name,Parent Email,Child Name,Class\r\n"
    + "Priya Patel,priya.patel@example.test,Ava Patel,Reception (Blue)\r\n"
    + "\"Smith, Jo\",,Ruby Smith,Year 1\r\n"
    + "Tom Jones,tom@example.test,Ben Jones,Year 1\r\n"
    + "Amara Okafor,amara@example.test,Tobi Okafor,Nursery\r\n"

  /// Completion with only the first roster: everyone outstanding, in class then child order.
  static let firstCompletion = csvFile(
    Headers.completion,
    [
      "Nursery,Tobi Okafor,Amara Okafor,outstanding,,,,",
      "Reception (Blue),Ava Patel,Priya Patel,outstanding,,,,",
      "Year 1,Ben Jones,Tom Jones,outstanding,,,,",
      "Year 1,Ruby Smith,\"Smith, Jo\",outstanding,,,,",
    ])

  /// Writes `bytes` to `name` in the sandbox and returns its path.
  static func write(_ sandbox: Sandbox, _ name: String, _ bytes: [UInt8]) throws -> String {
    let url = sandbox.root.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
  }

  static func importFirstRoster(_ sandbox: Sandbox) throws {
    let path = try write(sandbox, "roster.csv", Array(firstRoster.utf8))
    let result = try sandbox.induction(["roster", "import", path])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output == "imported 4 children in 3 classes (replacing a roster of 0)\n")
    #expect(result.error.isEmpty)
    expectSameFile(try sandbox.exportText("completion"), firstCompletion)
  }

  /// A bad file, and the problem line the import must print for it (`FILE` stands for its path).
  static let badFiles: [(label: String, bytes: [UInt8], problem: String)] = [
    (
      "a missing class column",
      Array(
        "Parent Name,Parent Email,Child Name\nPriya Patel,,Ava Patel\nTom Jones,,Ben Jones\n".utf8),
      "FILE:1: the header has no class column; rename a column to one of: class, class name, form, reg group, "
        + "registration group, group, year/class"
    ),
    (
      "a wrong field count on line 3",
      Array(
        ("Parent Name,Parent Email,Child Name,Class\nPriya Patel,,Ava Patel,Nursery\n"
          + "Tom Jones,,Ben Jones,Year 1,Extra\nAmara Okafor,,Tobi Okafor,Nursery\n").utf8),
      "FILE:3: has 5 fields but the header has 4"
    ),
    ("an empty file", [], "FILE:1: file is empty; export the roster again with a header row"),
    (
      "a Latin-1 file",
      Array("Parent Name,Parent Email,Child Name,Class\nPriya Patel,,Ava Patel,Nursery\n".utf8)
        + [0x5A, 0x6F, 0xEB] + Array(" Smith,,Ruby Smith,Year 1\n".utf8),
      // The file:line prefix is line 1 (the whole file is refused); the sentence names line 3.
      "FILE:1: file is not UTF-8 text (the first bad character is on line 3); save it from the spreadsheet "
        + "as CSV UTF-8 and import again"
    ),
  ]

  @Test(arguments: 0..<4)
  func aBadRosterIsRefusedNamingTheLineAndTheRosterIsUnchanged(case index: Int) throws {
    let bad = Self.badFiles[index]
    // Given a roster already imported
    let sandbox = try Sandbox()
    try Self.importFirstRoster(sandbox)
    let path = try Self.write(sandbox, "bad.csv", bad.bytes)

    // When a bad file is imported
    let result = try sandbox.induction(["roster", "import", path])

    // Then it exits 1, naming the file and line, and saying nothing was imported
    #expect(result.status == 1, "\(bad.label)")
    #expect(result.output.isEmpty, "\(bad.label)")
    #expect(
      result.error
        == bad.problem.replacingOccurrences(of: "FILE", with: path) + "\n"
        + "induction: nothing was imported; fix \(path) and import it again "
        + "(or add --skip-invalid to import only the valid rows)\n", "\(bad.label)")
    // And the first roster is still the one in the completion list
    expectSameFile(try sandbox.exportText("completion"), Self.firstCompletion)
  }

  @Test func importingAgainReplacesTheRosterSoChildrenWhoLeftDropOut() throws {
    // Given the first roster, and Ben and Ava acknowledged
    let sandbox = try Sandbox()
    let builder = try sandbox.seed()
    let (guidance, text) = try LedgerBuilder.shippedGuidance()
    try builder.sign(
      parent: "Tom Jones", children: [("Ben Jones", "Year 1")],
      at: LedgerBuilder.utc("2026-09-02 08:00"),
      guidance: guidance, guidanceText: text)
    let ava = try builder.sign(
      parent: "Priya Patel", children: [("Ava Patel", "Reception (Blue)")],
      at: LedgerBuilder.utc("2026-09-02 08:30"),
      guidance: guidance, guidanceText: text)
    let first = try Self.write(sandbox, "roster.csv", Array(Self.firstRoster.utf8))
    #expect(try sandbox.induction(["roster", "import", first]).status == 0)

    // When a new export is imported: Ben has left, Cara has joined, LF endings and no BOM
    let second = try Self.write(
      sandbox, "roster-october.csv",
      Array(
        ("Parent Name,Parent Email,Child Name,Class\n"
          + "Priya Patel,priya@example.test,Ava Patel,Reception (Blue)\n"
          + "\"Smith, Jo\",jo@example.test,Ruby Smith,Year 1\n"
          + "Amara Okafor,amara@example.test,Tobi Okafor,Nursery\n"
          + "Deepa Singh,,Cara Singh,Year 2\n").utf8))
    let result = try sandbox.induction(["roster", "import", second])

    // Then it replaces the old roster entirely
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output == "imported 4 children in 4 classes (replacing a roster of 4)\n")
    expectSameFile(
      try sandbox.exportText("completion"),
      csvFile(
        Headers.completion,
        [
          "Nursery,Tobi Okafor,Amara Okafor,outstanding,,,,",
          "Reception (Blue),Ava Patel,Priya Patel,acknowledged,Priya Patel,2026-09-02 09:30:00 +01:00,"
            + LedgerBuilder.shown(ava) + ",en",
          "Year 1,Ruby Smith,\"Smith, Jo\",outstanding,,,,",
          "Year 2,Cara Singh,Deepa Singh,outstanding,,,,",
        ]))
    expectSameFile(
      try sandbox.exportText("outstanding"),
      csvFile(
        Headers.outstanding,
        [
          "Nursery,Tobi Okafor,Amara Okafor,amara@example.test,outstanding,",
          "Year 1,Ruby Smith,\"Smith, Jo\",jo@example.test,outstanding,",
          "Year 2,Cara Singh,Deepa Singh,,outstanding,",
        ]))
  }

  @Test func skipInvalidImportsTheValidRowsAndReportsTheRest() throws {
    // Given a file with a short row on line 3 and an empty child name on line 4
    let sandbox = try Sandbox()
    let path = try Self.write(
      sandbox, "roster.csv",
      Array(
        ("Parent Name,Parent Email,Child Name,Class\r\n"
          + "Priya Patel,,Ava Patel,Reception (Blue)\r\n"
          + "Tom Jones,,Ben Jones\r\n"
          + "Amara Okafor,,,Nursery\r\n"
          + "Wei Xu,wei@example.test,Lily Xu,Year 1\r\n").utf8))

    // When it is imported with --skip-invalid
    let result = try sandbox.induction(["roster", "import", path, "--skip-invalid"])

    // Then the two good rows are imported and each skipped line is reported
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output == "imported 2 children in 2 classes (replacing a roster of 0)\n")
    #expect(
      result.error
        == "skipped \(path):3: has 3 fields but the header has 4\nskipped \(path):4: child name is empty\n"
    )
    expectSameFile(
      try sandbox.exportText("completion"),
      csvFile(
        Headers.completion,
        [
          "Reception (Blue),Ava Patel,Priya Patel,outstanding,,,,",
          "Year 1,Lily Xu,Wei Xu,outstanding,,,,",
        ]))

    // And a file with no valid row at all is still refused, leaving the roster as it was
    let empty = try Self.write(sandbox, "empty.csv", [])
    let refused = try sandbox.induction(["roster", "import", empty, "--skip-invalid"])
    #expect(refused.status == 1)
    #expect(
      refused.error
        == "skipped \(empty):1: file is empty; export the roster again with a header row\n"
        + "induction: nothing was imported; fix \(empty) and import it again\n")
    #expect(try sandbox.exportText("completion").components(separatedBy: "\r\n").count == 4)
  }

  @Test func anExportWithARowPerParentCountsEachChildOnce() throws {
    // Given an export with a row per parent: Kit Able's mum, then her dad (with an email), and
    // Dan Cole once
    let sandbox = try Sandbox()
    let path = try Self.write(
      sandbox, "contacts.csv",
      Array(
        ("Parent Name,Parent Email,Child Name,Class\r\n"
          + "Ann Able,,Kit Able,Year 1\r\n"
          + "Bob Able,bob@example.test,Kit Able,Year 1\r\n"
          + "Cat Cole,,Dan Cole,Year 1\r\n"
          + "Ann Able,ann@example.test,kit  able,year 1\r\n").utf8))

    // When it is imported
    let result = try sandbox.induction(["roster", "import", path])

    // Then there are two children, the repeats are said by their lines, and Kit is listed once,
    // reached at the first email given
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output == "imported 2 children in 1 class (replacing a roster of 0)\n")
    #expect(
      result.error
        == "\(path): 2 rows named a child of an earlier row again (the first at line 3, as line 2), so each child is counted once\n"
    )
    expectSameFile(
      try sandbox.exportText("completion"),
      csvFile(
        Headers.completion,
        [
          "Year 1,Dan Cole,Cat Cole,outstanding,,,,",
          "Year 1,Kit Able,Ann Able,outstanding,,,,",
        ]))
    let outstanding = try sandbox.induction(["export", "outstanding", "--out", "-"])
    #expect(outstanding.output.contains("Kit Able,Ann Able,bob@example.test"))
  }
}
