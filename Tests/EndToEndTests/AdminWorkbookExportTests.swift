import Foundation
import InductionCore
import TestSupport
import Testing
import ZIPFoundation

#if canImport(Glibc)
  import Glibc
#endif

/// `induction export … --format xlsx` through the built binary: the workbook read back, the file
/// rules (same folder, rename, 0600, --force, never a non-file target), and a full disk.
@Suite("Admin: export as an Excel workbook", .hangGuard)
struct AdminWorkbookExportTests {
  /// The shipped school's name, which becomes the workbook's title and author.
  static func schoolName() throws -> String {
    try ScenarioLinter.load(directory: BuiltBinary.scenariosDirectory).school.name
  }

  /// A roster of three children and two signings on the shipped guidance.
  static func seeded() throws -> (Sandbox, [LedgerEntry]) {
    let sandbox = try Sandbox()
    let builder = try sandbox.seed()
    let (guidance, text) = try LedgerBuilder.shippedGuidance()
    try builder.database.replaceRoster(
      [
        RosterRow(
          line: 2, parentName: "Zoë Ní Bhriain", parentEmail: "zoe@example.test",
          childName: "Siobhán O'Neil-Smith", className: "Reception (Blue)"),
        RosterRow(
          line: 3, parentName: "Łukasz Nowak", parentEmail: nil, childName: "0123",
          className: "Reception (Blue)"),
        RosterRow(
          line: 4, parentName: "Nguyễn Thị Mai", parentEmail: "=1+1@example.test",
          childName: "TRUE", className: "Year 1"),
      ], at: LedgerBuilder.utc("2026-09-01 08:00"))
    let first = try builder.sign(
      parent: "Zoë Ní Bhriain", children: [("Siobhán O'Neil-Smith", "Reception (Blue)")],
      at: LedgerBuilder.utc("2026-10-25 00:30"), guidance: guidance, guidanceText: text,
      firstTryCorrect: 14, scenarioCount: 16)
    let second = try builder.sign(
      parent: "＝1+1", relationship: "carer", children: [("TRUE", "Year 1")],
      at: LedgerBuilder.utc("2026-10-26 00:30"), guidance: guidance, guidanceText: text,
      firstTryCorrect: 16, scenarioCount: 16)
    return (sandbox, [first, second])
  }

  static func contents(_ folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  @Test func completionAsAWorkbookHasTextNamesRealDatesAFilteredFrozenHeaderAndASummary()
    throws
  {
    // Given a roster of three children, two of them acknowledged around the October clock change
    let (sandbox, entries) = try Self.seeded()
    let folder = try sandbox.exportsFolder()
    let target = folder.appendingPathComponent("completion.xlsx")

    // When completion is exported as a workbook
    let result = try sandbox.induction([
      "export", "completion", "--format", "xlsx", "--out", target.path,
    ])

    // Then it succeeds, saying how many rows, and only the workbook is in the folder, mode 0600
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output == "wrote 3 rows to \(target.path)\n")
    #expect(result.error.isEmpty)
    #expect(try Self.contents(folder) == ["completion.xlsx"])
    #expect(
      try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int
        == 0o600)

    // And the workbook holds every name exactly as typed, as text; the times on London's wall clock
    let workbook = try Workbook(contentsOf: target)
    #expect(workbook.sheets.map(\.name) == ["Completion", "Summary"])
    #expect(
      workbook.shownRows("Completion", columns: 7) == [
        [
          "Class", "Child", "Parent (roster)", "Status", "Acknowledged by", "Signed at",
          "Reference",
        ],
        [
          "Reception (Blue)", "0123", "Łukasz Nowak", "outstanding", "", "", "",
        ],
        [
          "Reception (Blue)", "Siobhán O'Neil-Smith", "Zoë Ní Bhriain", "acknowledged",
          "Zoë Ní Bhriain", "2026-10-25 01:30:00", LedgerBuilder.shown(entries[0]),
        ],
        [
          "Year 1", "TRUE", "Nguyễn Thị Mai", "acknowledged", "＝1+1", "2026-10-26 00:30:00",
          LedgerBuilder.shown(entries[1]),
        ],
      ])
    let sheet = try #require(workbook.sheet("Completion"))
    #expect(sheet.rows[1][1]?.value == .text("0123"))
    #expect(sheet.rows[3][1]?.value == .text("TRUE"))
    #expect(sheet.rows[3][4]?.value == .text("＝1+1"))
    #expect(sheet.rows[2][5]?.numberFormat == "yyyy-mm-dd hh:mm")
    #expect(sheet.rows[0].allSatisfy { $0?.isBold == true })
    #expect(sheet.frozenRows == 1)
    #expect(sheet.autoFilter == "A1:H4")
    // And a Summary per class with a total
    #expect(
      workbook.shownRows("Summary", columns: 6) == [
        [
          "Class", "Children on roster", "Acknowledged", "Re-acknowledge", "Outstanding",
          "% complete",
        ],
        ["Reception (Blue)", "2", "1", "0", "1", "0.500000000"],
        ["Year 1", "1", "1", "0", "0", "1.000000000"],
        ["Total", "3", "2", "0", "1", "0.666666667"],
      ])
    // And the title and author are the school's name
    let school = try Self.schoolName()
    #expect(workbook.title == school)
    #expect(workbook.author == school)
  }

  @Test func anOutFileNamedXlsxIsAWorkbookWithoutAskingForOne() throws {
    // Given two acknowledgements
    let (sandbox, entries) = try Self.seeded()
    let target = try sandbox.exportsFolder().appendingPathComponent("Acknowledgements.XLSX")

    // When they are exported with --out NAME.XLSX and no --format
    let result = try sandbox.induction(["export", "acknowledgements", "--out", target.path])

    // Then the file is a workbook, scores are fractions and a name starting with ＝ is plain text
    #expect(result.status == 0, "\(result.error)")
    let workbook = try Workbook(contentsOf: target)
    let version = LedgerBuilder.version(1, try LedgerBuilder.shippedGuidance().guidance)
    #expect(
      workbook.shownRows("Acknowledgements", columns: 10) == [
        [
          "Reference", "Signed at", "Parent", "Relationship", "Children", "Classes",
          "Guidance version", "Status", "First-try score", "Station",
        ],
        [
          LedgerBuilder.shown(entries[0]), "2026-10-25 01:30:00", "Zoë Ní Bhriain", "parent",
          "Siobhán O'Neil-Smith", "Reception (Blue)", version, "current", "14/16", "Reception",
        ],
        [
          LedgerBuilder.shown(entries[1]), "2026-10-26 00:30:00", "＝1+1", "carer", "TRUE",
          "Year 1", version, "current", "16/16", "Reception",
        ],
      ])
    #expect(workbook.sheet("Acknowledgements")?.rows[2][2]?.value == .text("＝1+1"))
  }

  @Test func aWorkbookIsNeverWrittenToStandardOutput() throws {
    // Given a data folder
    let (sandbox, _) = try Self.seeded()
    // When a workbook is asked for on standard output
    let result = try sandbox.run(["export", "completion", "--format", "xlsx", "--out", "-"])
    // Then it is refused with one plain sentence, and nothing is written
    #expect(result.status == 1)
    #expect(result.output.isEmpty)
    #expect(
      result.error
        == "induction: an Excel workbook cannot be written to standard output; give --out a file "
        + "name such as completion.xlsx, or use --format csv\n")
  }

  @Test func aFormatThatContradictsTheFileNameIsRefused() throws {
    let (sandbox, _) = try Self.seeded()
    let folder = try sandbox.exportsFolder()
    let target = folder.appendingPathComponent("completion.xlsx")
    let result = try sandbox.induction([
      "export", "completion", "--format", "csv", "--out", target.path,
    ])
    #expect(result.status == 1)
    #expect(
      result.error
        == "induction: --format csv does not match --out \(target.path); name the file .csv or "
        + "leave out --format\n")
    #expect(try Self.contents(folder) == [])
  }

  enum Obstacle: String, CaseIterable, CustomTestStringConvertible {
    case fifo, folder, symlink
    var testDescription: String { rawValue }
  }

  @Test(arguments: Obstacle.allCases)
  func aTargetThatIsNotAPlainFileIsRefusedEvenWithForce(obstacle: Obstacle) throws {
    // Given a FIFO, a folder, or a link to someone's file at the target
    let (sandbox, _) = try Self.seeded()
    let folder = try sandbox.exportsFolder()
    let target = folder.appendingPathComponent("completion.xlsx")
    let linked = sandbox.root.appendingPathComponent("their-file.xlsx")
    let theirs = Data("their own workbook".utf8)
    switch obstacle {
    case .fifo: try #require(mkfifo(target.path, 0o600) == 0)
    case .folder:
      try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
    case .symlink:
      try theirs.write(to: linked)
      try FileManager.default.createSymbolicLink(at: target, withDestinationURL: linked)
    }

    // When a workbook is exported there with --force
    let result = try sandbox.induction([
      "export", "completion", "--format", "xlsx", "--out", target.path, "--force",
    ])

    // Then it is refused with one plain sentence, and the target and folder are as they were
    #expect(result.status == 1)
    #expect(result.output.isEmpty)
    #expect(
      result.error
        == "induction: \(target.path) is not a regular file (it is a folder, device, pipe, socket "
        + "or link), so it is never replaced; choose a file name for --out\n")
    #expect(try Self.contents(folder) == ["completion.xlsx"])
    var info = stat()
    #expect(lstat(target.path, &info) == 0)
    let expectedType: mode_t =
      switch obstacle {
      case .fifo: S_IFIFO
      case .folder: S_IFDIR
      case .symlink: S_IFLNK
      }
    #expect(info.st_mode & S_IFMT == expectedType)
    if obstacle == .symlink { #expect(try Data(contentsOf: linked) == theirs) }
  }

  @Test func anExistingWorkbookIsRefusedWithoutForceAndReplacedWithIt() throws {
    let (sandbox, _) = try Self.seeded()
    let folder = try sandbox.exportsFolder()
    let target = folder.appendingPathComponent("outstanding.xlsx")
    let old = Data("last week's list".utf8)
    try old.write(to: target)

    let refused = try sandbox.induction(["export", "outstanding", "--out", target.path])
    #expect(refused.status == 1)
    #expect(
      refused.error
        == "induction: \(target.path) already exists; choose another --out or add --force to replace it\n"
    )
    #expect(try Data(contentsOf: target) == old)

    let forced = try sandbox.induction(["export", "outstanding", "--out", target.path, "--force"])
    #expect(forced.status == 0, "\(forced.error)")
    #expect(forced.output == "wrote 1 row to \(target.path)\n")
    #expect(
      try Workbook(contentsOf: target).shownRows("Outstanding", columns: 5) == [
        ["Class", "Child", "Parent", "Email", "Status"],
        ["Reception (Blue)", "0123", "Łukasz Nowak", "", "outstanding"],
      ])
    #expect(try Self.contents(folder) == ["outstanding.xlsx"])
  }

  @Test func theAdminPromptExportsAWorkbook() throws {
    // Given the admin prompt on a pipe
    let (sandbox, entries) = try Self.seeded()
    let target = try sandbox.exportsFolder().appendingPathComponent("from the prompt.xlsx")
    let program = try PipedProgram(
      executable: sandbox.executable.path,
      arguments: ["admin", "--data-dir", sandbox.dataDirectory.path],
      environment: sandbox.environment)

    // When a workbook export is typed at it, then quit
    try program.send(
      "export completion --format xlsx --class \"year 1\" --out \"\(target.path)\"\nquit\n")
    program.closeInput()
    let status = try program.waitForExit(timeout: 60)

    // Then it writes the workbook for that class
    #expect(status == 0, "\(program.errorOutput)")
    #expect(program.output.contains("wrote 1 row to \(target.path)\n"), "\(program.output)")
    #expect(
      try Workbook(contentsOf: target).shownRows("Completion", columns: 7)?.last == [
        "Year 1", "TRUE", "Nguyễn Thị Mai", "acknowledged", "＝1+1", "2026-10-26 00:30:00",
        LedgerBuilder.shown(entries[1]),
      ])
  }

  @Test func aLargeExportHasEveryRow() throws {
    // Given a large ledger (see ``LargeLedger``)
    let sandbox = try Sandbox()
    try LargeLedger.copy(into: sandbox)
    let target = try sandbox.exportsFolder().appendingPathComponent("acknowledgements.xlsx")

    // When all of it is exported as a workbook
    let result = try sandbox.induction(
      ["export", "acknowledgements", "--out", target.path], timeout: 300)

    // Then every row is there, the last as signed
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output == "wrote \(LargeLedger.count) rows to \(target.path)\n")
    let sheet = try #require(try Workbook(contentsOf: target).sheet("Acknowledgements"))
    #expect(sheet.rows.count == LargeLedger.count + 1)
    #expect(sheet.rows.last?[2]?.value == .text("Parent \(LargeLedger.count - 1)"))
    #expect(sheet.autoFilter == "A1:K\(LargeLedger.count + 1)")
  }

  @Test func killingAWorkbookExportPartWayLeavesNoFileAtTheTarget() throws {
    // Given a large ledger (see ``LargeLedger``)
    let sandbox = try Sandbox()
    try LargeLedger.copy(into: sandbox)
    let folder = try sandbox.exportsFolder()
    let target = folder.appendingPathComponent("acknowledgements.xlsx")

    // When a workbook export starts, and is killed with SIGKILL once its private folder appears
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
      temporary = try Self.contents(folder).first { $0.hasPrefix(".acknowledgements.xlsx.tmp-") }
      if temporary == nil { usleep(500) }
    }
    program.kill(SIGKILL)
    let status = try program.waitForExit(timeout: stepTimeout)

    // Then it was caught part-way, there is no file at the target, and only the hidden folder is
    // left (a crash cannot remove it), holding nothing but the unfinished workbook (or nothing, when
    // the kill came between making the folder and the file) and at most libxlsxwriter's scratch
    // file: it names them tmp. and ten letters, and removes each the moment it is open, so a kill
    // between the two leaves one behind
    let left = try #require(temporary, "the private folder never appeared: \(program.errorOutput)")
    #expect(status == 128 + SIGKILL, "the export ended before it was killed: \(program.output)")
    #expect(!FileManager.default.fileExists(atPath: target.path))
    #expect(try Self.contents(folder) == [left])
    let inside = try Self.contents(folder.appendingPathComponent(left))
    let scratch = inside.filter { $0.wholeMatch(of: /tmp\.[A-Za-z0-9]{10}/) != nil }
    #expect(scratch.count <= 1, "\(inside)")
    #expect(Set(inside).subtracting(scratch).isSubset(of: ["acknowledgements.xlsx"]), "\(inside)")
  }

  // MARK: A full disk

  /// A data folder with 3,000 acknowledgements (a sheet of about 2 MB before compression).
  static func bulkSeeded() throws -> Sandbox {
    let sandbox = try Sandbox()
    let builder = try sandbox.seed()
    try builder.bulk(count: 3_000, start: LedgerBuilder.utc("2026-07-01 08:00"))
    return sandbox
  }

  /// `induction export acknowledgements --out TARGET` under `prlimit --fsize=LIMIT`.
  static func exportUnderLimit(_ sandbox: Sandbox, target: URL, limit: Int) throws -> (
    status: Int32, output: String, error: String
  ) {
    let prlimit = try #require(BuiltBinary.tool("prlimit"), "prlimit (util-linux) is needed")
    let program = try PipedProgram(
      executable: prlimit.path,
      arguments: [
        "--fsize=\(limit):unlimited", sandbox.executable.path, "export", "acknowledgements",
        "--out", target.path, "--data-dir", sandbox.dataDirectory.path,
      ], environment: sandbox.environment)
    program.closeInput()
    let status = try program.waitForExit(timeout: 120)
    return (status, program.output, program.errorOutput)
  }

  /// Exit 1, the disk-full sentence naming the file, and nothing left in the folder.
  static func expectFullDiskRefusal(
    _ result: (status: Int32, output: String, error: String), target: URL, folder: URL,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    #expect(result.status == 1, "\(result.error)", sourceLocation: sourceLocation)
    #expect(result.output.isEmpty, sourceLocation: sourceLocation)
    #expect(
      result.error
        == "induction: the disk is full while writing \(target.path); free some space and export "
        + "again; nothing was written\n", sourceLocation: sourceLocation)
    #expect(try contents(folder) == [], sourceLocation: sourceLocation)
  }

  @Test func aFileSizeLimitWhileTheRowsAreWrittenFailsAndLeavesNothing() throws {
    // Given 3,000 acknowledgements
    let sandbox = try Self.bulkSeeded()
    let folder = try sandbox.exportsFolder()
    let target = folder.appendingPathComponent("acknowledgements.xlsx")
    // When they are exported with room for only 64 KiB in any one file
    let result = try Self.exportUnderLimit(sandbox, target: target, limit: 65_536)
    // Then it fails plainly and leaves nothing behind
    try Self.expectFullDiskRefusal(result, target: target, folder: folder)
  }

  @Test func aFileSizeLimitThatCutsOnlyTheEndOfTheSheetIsCaught() throws {
    // Given 3,000 acknowledgements, and the size of their sheet when there is room
    let sandbox = try Self.bulkSeeded()
    let folder = try sandbox.exportsFolder()
    let target = folder.appendingPathComponent("acknowledgements.xlsx")
    let roomy = try sandbox.induction(["export", "acknowledgements", "--out", target.path])
    try #require(roomy.status == 0, "\(roomy.error)")
    let archive = try Archive(url: target, accessMode: .read)
    let sheetSize = try #require(archive["xl/worksheets/sheet1.xml"]).uncompressedSize
    try FileManager.default.removeItem(at: target)

    // When they are exported with a file-size limit 64 bytes short of that sheet: the rows fit,
    // but libxlsxwriter's copy of the whole sheet loses its last bytes (the end of the sheet
    // element), and it still reports success
    let result = try Self.exportUnderLimit(sandbox, target: target, limit: Int(sheetSize) - 64)

    // Then reading the workbook back catches it: it fails plainly and leaves nothing behind
    try Self.expectFullDiskRefusal(result, target: target, folder: folder)
  }

  @Test(.enabled(if: SmallDisk.canMount, "mounting a small tmpfs needs root with CAP_SYS_ADMIN"))
  func aFullDiskFailsAndLeavesNothing() throws {
    // Given 3,000 acknowledgements and an exports folder on its own disk of 256 KiB
    let sandbox = try Self.bulkSeeded()
    let folder = try sandbox.exportsFolder()
    let target = folder.appendingPathComponent("acknowledgements.xlsx")
    let disk = try SmallDisk(at: folder, size: "256k")
    defer { disk.unmount() }
    // When they are exported there
    let result = try sandbox.induction(
      ["export", "acknowledgements", "--out", target.path], timeout: 60)
    // Then it fails plainly and leaves nothing behind
    try Self.expectFullDiskRefusal(result, target: target, folder: folder)
  }
}
