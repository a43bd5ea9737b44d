import Foundation
import InductionCore
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The peak resident memory of this process so far, in bytes.
func peakMemory() -> Int {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return usage.ru_maxrss * 1024
}

/// A sparse file of `size` bytes: it takes no disk space, but reading it whole would take `size`
/// bytes of memory.
func sparseFile(_ url: URL, size: Int64) throws {
  let fd = open(url.path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
  try #require(fd >= 0)
  defer { close(fd) }
  try #require(ftruncate(fd, off_t(size)) == 0)
}

@Suite("Hostile files: targets that are not files, oversized inputs, unsafe text")
struct HostileFileTests {
  func folder() -> URL { Fixtures.temporaryDirectory("hostile") }

  @Test func anExportNeverReplacesAPipeALinkOrAFolderEvenWhenForced() throws {
    let folder = folder()
    let fifo = folder.appendingPathComponent("pipe.csv")
    try #require(mkfifo(fifo.path, 0o600) == 0)
    let elsewhere = folder.appendingPathComponent("elsewhere.csv")
    try Data("keep me".utf8).write(to: elsewhere)
    let link = folder.appendingPathComponent("link.csv")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: elsewhere)
    let directory = folder.appendingPathComponent("folder.csv")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
    for (target, name) in [(fifo, "pipe.csv"), (link, "link.csv"), (directory, "folder.csv")] {
      for overwrite in [false, true] {
        #expect(throws: ExportError.notARegularFile(path: name)) {
          try CSVExportWriter(
            destination: .file(target, displayPath: name, overwrite: overwrite), header: ["A"])
        }
      }
    }
    // Each is left exactly as it was, and no temporary file is left behind
    var info = stat()
    #expect(lstat(fifo.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    #expect(lstat(link.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK)
    #expect(try String(contentsOf: elsewhere, encoding: .utf8) == "keep me")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
        "elsewhere.csv", "folder.csv", "link.csv", "pipe.csv",
      ])
  }

  @Test func aTargetNamedAsAFolderIsRefusedAndNoFileIsMadeUnderThatName() throws {
    // Given --out reports/ where there is no reports folder yet
    let folder = folder()
    let named = URL(fileURLWithPath: folder.path + "/reports/")
    // When a CSV export, a report or a workbook is written there
    #expect(throws: ExportError.namesAFolder(path: "reports/")) {
      try CSVExportWriter(
        destination: .file(named, displayPath: "reports/", overwrite: true), header: ["A"])
    }
    #expect(throws: ExportError.namesAFolder(path: "reports/")) {
      try AtomicFile.write(Data("{}".utf8), to: named, displayPath: "reports/", overwrite: true)
    }
    #expect(throws: ExportError.namesAFolder(path: "reports/")) {
      try XLSXExportWriter(
        target: named, displayPath: "reports/", overwrite: true, sheetName: "Completion",
        header: ["A"], schoolName: "School")
    }
    // Then nothing was made: no file called reports, no temporary file
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
  }

  @Test func whatAWriteThatNeverFinishedLeftIsRemovedByTheNextWriteButNotAWriteStillGoingOn() throws
  {
    // Given the temporaries of three exports to report.csv killed part-way (a file, and a workbook's
    // folder), one to another target, and an export to report.csv still being written
    let folder = folder()
    let target = folder.appendingPathComponent("report.csv")
    try Data("Zoë Ní Bhriain".utf8).write(
      to: folder.appendingPathComponent(".report.csv.tmp-dead1"))
    let workbook = folder.appendingPathComponent(".report.csv.tmp-DEAD02")
    try FileManager.default.createDirectory(at: workbook, withIntermediateDirectories: false)
    try Data("Zoë".utf8).write(to: workbook.appendingPathComponent("report.csv"))
    try Data("other".utf8).write(to: folder.appendingPathComponent(".other.csv.tmp-dead3"))
    let going = try AtomicFile(target: target, displayPath: "report.csv", overwrite: true)
    try going.append(Data("still going".utf8))

    // When another export to report.csv is written
    try AtomicFile.write(Data("new".utf8), to: target, displayPath: "report.csv", overwrite: true)

    // Then the dead ones are gone, the other target's and the live one's are kept
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(left.count == 3, "\(left)")
    #expect(left.contains(".other.csv.tmp-dead3") && left.contains("report.csv"))
    #expect(!left.contains(".report.csv.tmp-dead1") && !left.contains(".report.csv.tmp-DEAD02"))
    // And the write still going on finishes as it would have
    try going.commit()
    #expect(try String(contentsOf: target, encoding: .utf8) == "still going")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 2)

    // And a workbook being written keeps its folder, which the next workbook removes once dead
    func makeWorkbook() throws -> XLSXExportWriter {
      try XLSXExportWriter(
        target: folder.appendingPathComponent("report.xlsx"), displayPath: "report.xlsx",
        overwrite: true, sheetName: "Completion", header: ["A"], schoolName: "School")
    }
    var first: XLSXExportWriter? = try makeWorkbook()
    let second = try makeWorkbook()
    let building = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasPrefix(".report.xlsx.tmp-") }
    #expect(building.count == 2)
    try second.finish()
    first = nil  // (abandoned: its folder is removed)
    _ = first
    let dead = folder.appendingPathComponent(".report.xlsx.tmp-DEAD04")
    try FileManager.default.createDirectory(at: dead, withIntermediateDirectories: false)
    try Data("Zoë".utf8).write(to: dead.appendingPathComponent("report.xlsx"))
    try makeWorkbook().finish()
    #expect(!FileManager.default.fileExists(atPath: dead.path))
  }

  @Test func aPipeThatAppearsWhileWritingIsNotReplaced() throws {
    let folder = folder()
    let target = folder.appendingPathComponent("report.json")
    let file = try AtomicFile(target: target, displayPath: "report.json", overwrite: true)
    try file.append(Data("{}".utf8))
    try #require(mkfifo(target.path, 0o600) == 0)
    #expect(throws: ExportError.notARegularFile(path: "report.json")) { try file.commit() }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.json"])
  }

  @Test func aPrivateFileReplacesAnExistingFileOnlyWhenAsked() throws {
    let target = folder().appendingPathComponent("access.json")
    try Data("old".utf8).write(to: target)
    #expect(throws: ExportError.targetExists(path: "access.json")) {
      try AtomicFile.write(
        Data("new".utf8), to: target, displayPath: "access.json", overwrite: false)
    }
    #expect(try String(contentsOf: target, encoding: .utf8) == "old")
    try AtomicFile.write(Data("new".utf8), to: target, displayPath: "access.json", overwrite: true)
    #expect(try String(contentsOf: target, encoding: .utf8) == "new")
    var info = stat()
    #expect(stat(target.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
  }

  @Test func exportedCellsShowEscapesAndDirectionMarksAsText() {
    // An OSC 8 hyperlink, a colour code, a right-to-left override, a lone CR that would overwrite
    // the line on a terminal; line feeds and CR LF stay, as quoted fields hold them
    #expect(
      CSVCell.exported("Year 1\u{1B}]8;;http://x.example\u{7}click\u{1B}]8;;\u{7}")
        == "Year 1\\u{1B}]8;;http://x.example\\u{7}click\\u{1B}]8;;\\u{7}")
    #expect(CSVCell.exported("\u{1B}[31mred") == "\\u{1B}[31mred")
    #expect(CSVCell.exported("abc\u{202E}fed") == "abc\\u{202E}fed")
    #expect(CSVCell.exported("over\rwrite") == "over\\u{D}write")
    #expect(CSVCell.exported("two\nlines\r\nkept") == "two\nlines\r\nkept")
    #expect(CSVCell.exported("\tcmd") == "\\u{9}cmd")
    #expect(CSVCell.exported("=1+1") == "'=1+1")
  }

  @Test func aHugeGuidanceOrSchoolFileIsRefusedWithoutReadingIt() throws {
    // Given a valid folder whose guidance.md and school.yaml are 3 GB sparse files
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    try sparseFile(folder.url.appendingPathComponent("guidance.md"), size: 3 << 30)
    try sparseFile(folder.url.appendingPathComponent("school.yaml"), size: 3 << 30)
    let before = peakMemory()
    // When it is linted
    let problems = ScenarioLinter.lint(directory: folder.url, displayPath: "S").problems
    // Then both are refused by size, and memory did not grow by anything like their size
    #expect(
      problems.map(\.description).prefix(2) == [
        "S/guidance.md:1: file is larger than 64 KiB; a scenario should be a page of text",
        "S/school.yaml:1: file is larger than 64 KiB; a scenario should be a page of text",
      ])
    #expect(peakMemory() - before < 64 << 20, "peak memory grew by \(peakMemory() - before) bytes")
  }

  @Test func aHugeRosterIsRefusedNamingTheLimitWithoutReadingIt() throws {
    let url = folder().appendingPathComponent("roster.csv")
    try sparseFile(url, size: 300 << 20)
    let before = peakMemory()
    let result = RosterParser.parse(fileAt: url.path, displayPath: "roster.csv")
    #expect(
      result.problems.map(\.description) == [
        "roster.csv:1: file is 300 MB, over the 50 MB limit for a roster; export only the current enrolment (one row per child)"
      ])
    #expect(result.rows.isEmpty)
    #expect(peakMemory() - before < 32 << 20, "peak memory grew by \(peakMemory() - before) bytes")
  }

  @Test func aRosterFileIsStreamedAndGivesTheSameRowsAsFromMemory() throws {
    let url = folder().appendingPathComponent("roster.csv")
    var text = "\u{FEFF}Class,Child,Parent\r\n"
    for index in 1...3_000 {
      text += "Year \(index % 6 + 1),Child \(index),\"Parent, \(index)\"\r\n"
    }
    try Data(text.utf8).write(to: url)
    let streamed = RosterParser.parse(fileAt: url.path, displayPath: "roster.csv")
    let inMemory = RosterParser.parse(Data(text.utf8), displayPath: "roster.csv")
    #expect(streamed == inMemory)
    #expect(streamed.problems == [])
    #expect(streamed.rows.count == 3_000)
    #expect(streamed.rows.last?.parentName == "Parent, 3000")
    #expect(streamed.rows.last?.line == 3_001)
  }

  @Test func aPipeInsteadOfARosterIsRefused() throws {
    let url = folder().appendingPathComponent("roster.csv")
    try #require(mkfifo(url.path, 0o600) == 0)
    #expect(
      RosterParser.parse(fileAt: url.path, displayPath: "roster.csv").problems.map(\.description)
        == [
          "roster.csv:1: is not a regular file (a folder, device or pipe); give the roster CSV file"
        ])
  }

  @Test(arguments: [
    ("school.yaml", "  - \"Year 1\\e]8;;http://x.example\\a\"\n", 8, "class name", "001B"),
    ("school.yaml", "  - Year \u{202E}2\n", 8, "class name", "202E"),
  ])
  func lintRefusesControlAndDirectionCharactersInClassNames(
    file: String, line: String, lineNumber: Int, field: String, code: String
  ) {
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    folder.write(
      "school.yaml",
      "name: Test School\ntime_zone: Europe/London\nstatement: I have read the guidance.\n"
        + "classes:\n  - Nursery\n  - Reception\n  - Year 3\n" + line)
    #expect(
      ScenarioLinter.lint(directory: folder.url, displayPath: "S").problems.map(\.description) == [
        "S/\(file):\(lineNumber): \(field) contains a control or text-direction character (U+\(code)); retype it without one"
      ])
  }

  @Test func lintRefusesControlCharactersInScenarioText() {
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    folder.write(
      "01-rule-one.yaml",
      ScenarioFolder.scenario(id: "rule-one", example: "Rule one.").replacingOccurrences(
        of: "title: A title", with: "title: \"A \\e]0;pwned\\a title\""))
    #expect(
      ScenarioLinter.lint(directory: folder.url, displayPath: "S").problems.map(\.description) == [
        "S/01-rule-one.yaml:3: \"title\" contains a control or text-direction character (U+001B); retype it without one",
        "S/guidance.md:7: prohibited example has no scenario: \"Rule one.\"",
      ])
  }
}
