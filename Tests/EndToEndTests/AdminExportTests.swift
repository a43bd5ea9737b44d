import CSV
import Foundation
import InductionCore
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

// MARK: - Helpers shared by the Admin*Tests suites

extension Sandbox {
  /// Runs `induction ARGUMENTS --data-dir DATA [--scenarios DIR]` through pipes, to the end.
  func induction(_ arguments: [String], scenarios: URL? = nil, timeout: TimeInterval = 30) throws
    -> (
      status: Int32, output: String, error: String
    )
  {
    let result = try run(arguments, scenarios: scenarios, timeout: timeout)
    return (result.status, String(decoding: result.output, as: UTF8.self), result.error)
  }

  /// Like ``induction(_:scenarios:timeout:)`` with standard output as bytes (for `--out -`).
  func run(_ arguments: [String], scenarios: URL? = nil, timeout: TimeInterval = 30) throws -> (
    status: Int32, output: [UInt8], error: String
  ) {
    var all = arguments + ["--data-dir", dataDirectory.path]
    if let scenarios { all += ["--scenarios", scenarios.path] }
    let program = try PipedProgram(
      executable: executable.path, arguments: all, environment: environment)
    program.closeInput()
    let status = try program.waitForExit(timeout: timeout)
    return (status, program.rawOutput, program.errorOutput)
  }

  /// The data folder seeded through the store API, with a signing key the binary will then use.
  func seed() throws -> LedgerBuilder { try LedgerBuilder.dataDirectory(dataDirectory) }

  /// A folder for exports inside the sandbox.
  func exportsFolder() throws -> URL {
    let url = root.appendingPathComponent("exports", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// `induction export KIND --out PATH` (plus `extra`): checks exit 0 and returns the file's text.
  func exportText(_ kind: String, _ extra: [String] = [], scenarios: URL? = nil) throws -> String {
    let url = try exportsFolder().appendingPathComponent("\(kind)-\(UUID().uuidString).csv")
    let result = try induction(["export", kind, "--out", url.path] + extra, scenarios: scenarios)
    #expect(result.status == 0, "export \(kind) failed: \(result.error)")
    let data = try Data(contentsOf: url)
    return String(decoding: data, as: UTF8.self)
  }

  /// `induction verify`'s standard output, checking it succeeds.
  func verifiedOutput() throws -> String {
    let result = try induction(["verify"])
    #expect(result.status == 0, "verify failed: \(result.error)")
    return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

/// The header and rows of a CSV file, read with CSV.swift's reader.
func readCSV(_ url: URL) throws -> (header: [String], rows: [[String]]) {
  let stream = try #require(InputStream(url: url))
  let reader = try CSVReader(stream: stream, hasHeaderRow: true)
  var rows: [[String]] = []
  while let row = reader.next() { rows.append(row) }
  // CSV.swift 2.5.2 sets `error = .cannotReadFile` at the end of every file stream; the rows are
  // what is compared.
  return (reader.headerRow ?? [], rows)
}

/// The headers, written out here rather than taken from the program.
enum Headers {
  static let acknowledgements =
    "Reference,Signed at,Parent,Relationship,Children,Classes,Guidance version,Status,First-try score,Station,Language"
  static let completion =
    "Class,Child,Parent (roster),Status,Acknowledged by,Signed at,Reference,Language"
  static let outstanding = "Class,Child,Parent,Email,Status,Language"
}

/// Compares two whole files; on failure shows only the lines that differ.
func expectSameFile(
  _ actual: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  let identical = actual == expected
  #expect(identical, "\(lineDiff(actual, expected))", sourceLocation: sourceLocation)
}

/// The text of a whole export: byte-order mark, header, rows, each line ending CRLF.
func csvFile(_ header: String, _ rows: [String]) -> String {
  "\u{FEFF}" + ([header] + rows).map { $0 + "\r\n" }.joined()
}

// MARK: - Export command

@Suite("Admin: export command", .hangGuard)
struct AdminExportTests {
  @Test func anEmptyDatabaseExportsTheHeaderOnlyAndSucceeds() throws {
    // Given a data folder no one has used
    let sandbox = try Sandbox()
    let folder = try sandbox.exportsFolder()
    for (kind, header) in [
      ("acknowledgements", Headers.acknowledgements), ("completion", Headers.completion),
      ("outstanding", Headers.outstanding),
    ] {
      // When each list is exported
      let target = folder.appendingPathComponent("\(kind).csv")
      let result = try sandbox.induction(["export", kind, "--out", target.path])
      // Then it exits 0 and the file is the byte-order mark, the header and CRLF, nothing more
      #expect(result.status == 0, "\(kind): \(result.error)")
      #expect(result.output == "wrote 0 rows to \(target.path)\n")
      #expect(result.error.isEmpty)
      #expect(
        try Array(Data(contentsOf: target)) == utf8BOM + Array((header + "\r\n").utf8), "\(kind)")
      // And only its owner may read it
      let mode =
        try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int
      #expect(mode == 0o600, "\(kind)")
    }
    // And only the three files are in the folder (no temporary files left behind)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        == ["acknowledgements.csv", "completion.csv", "outstanding.csv"])
  }

  @Test func anExistingTargetIsRefusedWithoutForceAndReplacedWithIt() throws {
    // Given one signed acknowledgement and an old file at the target
    let sandbox = try Sandbox()
    let builder = try sandbox.seed()
    let (guidance, text) = try LedgerBuilder.shippedGuidance()
    let entry = try builder.sign(
      parent: "Zoë Ní Bhriain", children: [("Siobhán O'Neil-Smith", "Reception (Blue)")],
      at: LedgerBuilder.utc("2026-07-01 10:00"), guidance: guidance, guidanceText: text)
    let folder = try sandbox.exportsFolder()
    let target = folder.appendingPathComponent("completion.csv")
    let old = Data("an export someone is still reading\r\n".utf8)
    try old.write(to: target)

    // When it is exported to that path without --force
    let refused = try sandbox.induction(["export", "completion", "--out", target.path])
    // Then it is refused with one plain sentence, and the file and folder are untouched
    #expect(refused.status == 1)
    #expect(refused.output.isEmpty)
    #expect(
      refused.error
        == "induction: \(target.path) already exists; choose another --out or add --force to replace it\n"
    )
    #expect(try Data(contentsOf: target) == old)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["completion.csv"])

    // When it is exported again with --force
    let forced = try sandbox.induction(["export", "completion", "--out", target.path, "--force"])
    // Then the file is replaced by the whole export
    #expect(forced.status == 0, "\(forced.error)")
    #expect(forced.output == "wrote 1 row to \(target.path)\n")
    #expect(
      try String(decoding: Data(contentsOf: target), as: UTF8.self)
        == csvFile(
          Headers.completion,
          [
            "Reception (Blue),Siobhán O'Neil-Smith,,acknowledged,Zoë Ní Bhriain,2026-07-01 11:00:00 +01:00,"
              + LedgerBuilder.shown(entry) + ",en"
          ]))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["completion.csv"])
  }

  @Test func outDashStreamsTheExportToStandardOutput() throws {
    // Given two acknowledgements, one in summer and one in winter
    let sandbox = try Sandbox()
    let builder = try sandbox.seed()
    let (guidance, text) = try LedgerBuilder.shippedGuidance()
    let first = try builder.sign(
      parent: "Smith, Jo", relationship: "carer", children: [("=Ruby Smith", "Year 1")],
      at: LedgerBuilder.utc("2026-07-01 10:00"), station: "Reception", guidance: guidance,
      guidanceText: text,
      firstTryCorrect: 14, scenarioCount: 16)
    let second = try builder.sign(
      parent: "Amara Okafor", children: [("Tobi Okafor", "Nursery"), ("Ada Okafor", "Year 2")],
      at: LedgerBuilder.utc("2026-11-20 15:45:30"), station: "Office", guidance: guidance,
      guidanceText: text,
      firstTryCorrect: 16, scenarioCount: 16)

    // When the acknowledgements are exported with --out -
    let result = try sandbox.run(["export", "acknowledgements", "--out", "-"])

    // Then the CSV (and nothing else) is on standard output, and the count on standard error
    #expect(result.status == 0, "\(result.error)")
    #expect(result.error == "wrote 2 rows to standard output\n")
    let version = LedgerBuilder.version(1, guidance)
    let expected = csvFile(
      Headers.acknowledgements,
      [
        "\(LedgerBuilder.shown(first)),2026-07-01 11:00:00 +01:00,\"Smith, Jo\",carer,'=Ruby Smith,Year 1,"
          + "\(version),current,14/16,Reception,en",
        "\(LedgerBuilder.shown(second)),2026-11-20 15:45:30 +00:00,Amara Okafor,parent,Tobi Okafor; Ada Okafor,"
          + "Nursery; Year 2,\(version),current,16/16,Office,en",
      ])
    expectSameFile(String(decoding: result.output, as: UTF8.self), expected)
    #expect(Array(result.output.prefix(3)) == utf8BOM)
    // And nothing was written under the export folder's default name
    #expect(
      !FileManager.default.fileExists(
        atPath: try sandbox.exportsFolder().appendingPathComponent("-").path))
  }

  @Test func sinceAndUntilAreWholeSchoolDaysEvenWhenTheClocksChange() throws {
    // Given signings either side of midnight, London time, around both clock changes of 2026
    let sandbox = try Sandbox()
    let builder = try sandbox.seed()
    let (guidance, text) = try LedgerBuilder.shippedGuidance()
    func sign(_ child: String, _ utc: String) throws -> LedgerEntry {
      try builder.sign(
        parent: "Parent of \(child)", children: [(child, "Nursery")], at: LedgerBuilder.utc(utc),
        guidance: guidance,
        guidanceText: text)
    }
    // 29 March has 23 hours (clocks go forward at 01:00 GMT)
    _ = try sign("Before Spring", "2026-03-28 23:59:59")  // 28 Mar 23:59:59 GMT
    let springFirst = try sign("Spring First", "2026-03-29 00:00:00")  // 29 Mar 00:00:00 GMT
    let springLast = try sign("Spring Last", "2026-03-29 22:59:59")  // 29 Mar 23:59:59 BST
    _ = try sign("After Spring", "2026-03-29 23:00:00")  // 30 Mar 00:00:00 BST
    // 25 October has 25 hours (clocks go back at 01:00 GMT)
    _ = try sign("Before Autumn", "2026-10-24 22:59:59")  // 24 Oct 23:59:59 BST
    let autumnFirst = try sign("Autumn First", "2026-10-24 23:00:00")  // 25 Oct 00:00:00 BST
    let autumnLast = try sign("Autumn Last", "2026-10-25 23:59:59")  // 25 Oct 23:59:59 GMT
    _ = try sign("After Autumn", "2026-10-26 00:00:00")  // 26 Oct 00:00:00 GMT

    // When acknowledgements are exported for each of those days
    let spring = try sandbox.exportText(
      "acknowledgements", ["--since", "2026-03-29", "--until", "2026-03-29"])
    let autumn = try sandbox.exportText(
      "acknowledgements", ["--since", "2026-10-25", "--until", "2026-10-25"])

    // Then each holds exactly the signings of that day
    // (`--until DAY` ends at the start of the next day in the school's time zone: 23 hours after the
    // start of 29 March, 25 after the start of 25 October, not a fixed 86,400 s.)
    let version = LedgerBuilder.version(1, guidance)
    func row(_ entry: LedgerEntry, _ at: String, _ child: String) -> String {
      "\(LedgerBuilder.shown(entry)),\(at),Parent of \(child),parent,\(child),Nursery,\(version),current,2/2,Reception,en"
    }
    expectSameFile(
      spring,
      csvFile(
        Headers.acknowledgements,
        [
          row(springFirst, "2026-03-29 00:00:00 +00:00", "Spring First"),
          row(springLast, "2026-03-29 23:59:59 +01:00", "Spring Last"),
        ]))
    expectSameFile(
      autumn,
      csvFile(
        Headers.acknowledgements,
        [
          row(autumnFirst, "2026-10-25 00:00:00 +01:00", "Autumn First"),
          row(autumnLast, "2026-10-25 23:59:59 +00:00", "Autumn Last"),
        ]))
  }

  @Test(arguments: ["--since", "--until"])
  func anImpossibleDateIsRefusedSayingWhatADateLooksLike(option: String) throws {
    // Given an empty data folder
    let sandbox = try Sandbox()
    let target = try sandbox.exportsFolder().appendingPathComponent("x.csv")
    // When a date that does not exist is given
    let result = try sandbox.induction([
      "export", "acknowledgements", "--out", target.path, option, "2026-02-30",
    ])
    // Then the export is refused with a sentence naming the option and the form of a date
    #expect(result.status != 0)
    #expect(
      result.error
        == "induction: \(option) must be a real date written like 2026-09-01 (year, month, day)\n")
    #expect(!result.error.contains("something went wrong"))
    #expect(!FileManager.default.fileExists(atPath: target.path))
  }

  @Test func killingAnExportPartWayLeavesNoFileAtTheTarget() throws {
    // Given a large ledger (see ``LargeLedger``)
    let sandbox = try Sandbox()
    try LargeLedger.copy(into: sandbox)
    let folder = try sandbox.exportsFolder()
    let target = folder.appendingPathComponent("acknowledgements.csv")

    // When an export starts, and is killed with SIGKILL as soon as its temporary file appears
    let program = try PipedProgram(
      executable: sandbox.executable.path,
      arguments: [
        "export", "acknowledgements", "--out", target.path, "--data-dir",
        sandbox.dataDirectory.path,
      ],
      environment: sandbox.environment)
    program.closeInput()
    let deadline = Date().addingTimeInterval(20)
    var temporary: String?
    while temporary == nil && Date() < deadline && !program.hasExited {
      temporary = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        .first { $0.hasPrefix(".acknowledgements.csv.tmp-") }
      if temporary == nil { usleep(500) }
    }
    program.kill(SIGKILL)
    let status = try program.waitForExit(timeout: stepTimeout)

    // Then the export was caught part-way and killed, and there is no file at the target
    try #require(temporary != nil, "the temporary file never appeared: \(program.errorOutput)")
    #expect(status == 128 + SIGKILL, "the export ended before it was killed: \(program.output)")
    #expect(!FileManager.default.fileExists(atPath: target.path))
    // And what is left is only the hidden temporary file (a crash cannot remove it), never the target
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(
      left.count == 1 && left.allSatisfy { $0.hasPrefix(".acknowledgements.csv.tmp-") }, "\(left)")
  }

  @Test func aLargeExportStreamsEveryRow() throws {
    // Given a large ledger (see ``LargeLedger``)
    let sandbox = try Sandbox()
    try LargeLedger.copy(into: sandbox)
    let target = try sandbox.exportsFolder().appendingPathComponent("acknowledgements.csv")

    // When all of it is exported (how fast is for the benchmark to say; the timeout only catches a
    // hang, such as the per-row revocation check scanning the whole ledger without its index)
    let result = try sandbox.induction(
      ["export", "acknowledgements", "--out", target.path], timeout: 300)

    // Then every row is written
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output == "wrote \(LargeLedger.count) rows to \(target.path)\n")
    let bytes = Array(try Data(contentsOf: target))
    #expect(crlfRecordCount(bytes) == LargeLedger.count + 1)
    // And CSV.swift reads it back whole: every row has the header's eleven fields
    let (header, rows) = try readCSV(target)
    #expect(header.joined(separator: ",") == Headers.acknowledgements)
    #expect(rows.count == LargeLedger.count)
    #expect(rows.allSatisfy { $0.count == 11 })
    #expect(rows.last?[2] == "Parent \(LargeLedger.count - 1)")
  }
}

/// A data folder holding 20,000 acknowledgements, built once per test run (with the batch API, in
/// transactions of 5,000: about 9 s in a debug build; 50,000 would take 25 s) and copied into each
/// sandbox that needs it.
enum LargeLedger {
  static let count = 20_000

  /// Where the template is built; removed when the test process exits.
  private static let root = FileManager.default.temporaryDirectory
    .appendingPathComponent("induction-large-ledger-\(getpid())")

  private static let template: Result<URL, any Error> = Result {
    let folder = root.appendingPathComponent("data")
    atexit { try? FileManager.default.removeItem(at: LargeLedger.root) }
    let (guidance, text) = try LedgerBuilder.shippedGuidance()
    // The builder (and its database connections) is gone once this closure returns.
    try LedgerBuilder.dataDirectory(folder).bulk(
      count: count, start: LedgerBuilder.utc("2026-09-01 08:00"), guidance: guidance,
      guidanceText: text)
    return folder
  }

  /// Copies the large data folder to `sandbox`'s data folder.
  static func copy(into sandbox: Sandbox) throws {
    try FileManager.default.copyItem(at: try template.get(), to: sandbox.dataDirectory)
  }
}
