import CSV
import Foundation
import InductionCore
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("CSV export writer")
struct CSVExportWriterTests {
  private static let bom = Data([0xEF, 0xBB, 0xBF])
  private static let triggers = [
    "=", "+", "-", "@", "\t", "\r", "\n", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}",
  ]

  private func exportFile(
    _ folder: URL, name: String = "x.csv", overwrite: Bool = false
  ) -> CSVExportWriter.Destination {
    .file(folder.appendingPathComponent(name), displayPath: "Exports/\(name)", overwrite: overwrite)
  }

  private func contents(of folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  @Test func aSmallExportIsExactlyTheseBytes() throws {
    let folder = Fixtures.temporaryDirectory("csv")
    let writer = try CSVExportWriter(
      destination: exportFile(folder), header: ["Class", "Child", "Note"])
    try writer.write(["Reception (Blue)", "Zoë Smith", "said \"hi\", then left"])
    try writer.write(["Year 1", "=1+1", "line one\r\nline two"])
    try writer.write(["", "O'Neil", "-"])
    try writer.finish()
    #expect(writer.rowCount == 3)
    let expected =
      Self.bom
      + Data(
        ("Class,Child,Note\r\n"
          + "Reception (Blue),Zoë Smith,\"said \"\"hi\"\", then left\"\r\n"
          + "Year 1,'=1+1,\"line one\r\nline two\"\r\n"
          + ",O'Neil,'-\r\n").utf8)
    #expect(try Data(contentsOf: folder.appendingPathComponent("x.csv")) == expected)
    #expect(try contents(of: folder) == ["x.csv"])
  }

  @Test func anEmptyExportIsTheHeaderOnly() throws {
    let folder = Fixtures.temporaryDirectory("csv")
    let writer = try CSVExportWriter(destination: exportFile(folder), header: ["Class", "Child"])
    try writer.finish()
    #expect(writer.rowCount == 0)
    let data = try Data(contentsOf: folder.appendingPathComponent("x.csv"))
    #expect(data == Self.bom + Data("Class,Child\r\n".utf8))
  }

  @Test(arguments: triggers)
  func everyFormulaTriggerGetsALeadingQuote(trigger: String) {
    #expect(CSVCell.neutralised(trigger + "SUM(A1)") == "'" + trigger + "SUM(A1)")
    #expect(CSVCell.neutralised(trigger) == "'" + trigger)
  }

  @Test func aTriggerFollowedByACombiningMarkStillGetsAQuote() {
    #expect(CSVCell.neutralised("=\u{301}1+1") == "'=\u{301}1+1")
  }

  @Test(arguments: ["O'Neil", "Zoë", "Siobhán", "", "a=b", "Jo-Ann", "'quoted", "مريم"])
  func ordinaryTextIsUntouched(text: String) {
    #expect(CSVCell.neutralised(text) == text)
  }

  @Test func awkwardValuesRoundTripThroughCSVSwift() throws {
    let values =
      [
        "Smith, Jo", "Jo \"JJ\" Smith", "line\r\nbreak", "lone\rcr", "lone\nlf", "👩‍👧 family",
        "Zoe\u{308}", "Sio\u{301}bhan", "\"\u{301}quoted mark", "comma,\u{301}mark", "x\n\u{301}",
        "مريم الأحمد", "שרה כהן", "", " padded ", "\"", "\"\"", ",", "O'Neil",
      ] + Self.triggers.map { $0 + "cmd" }
    let folder = Fixtures.temporaryDirectory("csv")
    let url = folder.appendingPathComponent("x.csv")
    let header = ["Index", "Value", "Reversed"]
    let writer = try CSVExportWriter(destination: exportFile(folder), header: header)
    for (index, value) in values.enumerated() {
      try writer.write([String(index), value, String(value.reversed())])
    }
    try writer.finish()

    let data = try Data(contentsOf: url)
    #expect(data.prefix(3) == Self.bom)
    #expect(data.suffix(2) == Data("\r\n".utf8))
    let reader = try CSVReader(stream: try #require(InputStream(url: url)), hasHeaderRow: true)
    #expect(reader.headerRow == header)
    var rows: [[String]] = []
    while let row = reader.next() { rows.append(row) }
    // No check of reader.error: CSV.swift 2.5.2 sets cannotReadFile when a file stream reaches its
    // end; the whole-table comparison below is what proves every row came back.
    let expected = values.enumerated().map { index, value in
      [String(index), CSVCell.exported(value), CSVCell.exported(String(value.reversed()))]
    }
    #expect(rows == expected)
    #expect(rows.allSatisfy { $0.count == header.count })
  }

  @Test func theFileAndItsTemporaryFileAreOwnerOnly() throws {
    let folder = Fixtures.temporaryDirectory("csv")
    let writer = try CSVExportWriter(destination: exportFile(folder), header: ["A"])
    let temporary = try #require(try contents(of: folder).first)
    #expect(temporary.hasPrefix(".x.csv.tmp-"))
    #expect(try mode(folder.appendingPathComponent(temporary)) == 0o600)
    try writer.finish()
    #expect(try contents(of: folder) == ["x.csv"])
    #expect(try mode(folder.appendingPathComponent("x.csv")) == 0o600)
  }

  @Test func anExistingTargetIsRefusedAndLeftAlone() throws {
    let folder = Fixtures.temporaryDirectory("csv")
    let url = folder.appendingPathComponent("x.csv")
    let old = Data("old export\r\n".utf8)
    try old.write(to: url)
    #expect(throws: ExportError.targetExists(path: "Exports/x.csv")) {
      try CSVExportWriter(destination: exportFile(folder), header: ["A"])
    }
    #expect(try Data(contentsOf: url) == old)
    #expect(try contents(of: folder) == ["x.csv"])
  }

  @Test func aTargetThatAppearsDuringTheExportIsNotReplaced() throws {
    let folder = Fixtures.temporaryDirectory("csv")
    let url = folder.appendingPathComponent("x.csv")
    let writer = try CSVExportWriter(destination: exportFile(folder), header: ["A"])
    try writer.write(["new"])
    let other = Data("written by someone else".utf8)
    try other.write(to: url)
    #expect(throws: ExportError.targetExists(path: "Exports/x.csv")) { try writer.finish() }
    #expect(try Data(contentsOf: url) == other)
    #expect(try contents(of: folder) == ["x.csv"])
  }

  @Test func overwriteReplacesAnExistingTarget() throws {
    let folder = Fixtures.temporaryDirectory("csv")
    let url = folder.appendingPathComponent("x.csv")
    try Data("old".utf8).write(to: url)
    let writer = try CSVExportWriter(
      destination: exportFile(folder, overwrite: true), header: ["A"])
    try writer.write(["new"])
    try writer.finish()
    #expect(try Data(contentsOf: url) == Self.bom + Data("A\r\nnew\r\n".utf8))
    #expect(try contents(of: folder) == ["x.csv"])
  }

  @Test func abandoningLeavesNeitherTheTargetNorATemporaryFile() throws {
    let folder = Fixtures.temporaryDirectory("csv")
    let writer = try CSVExportWriter(destination: exportFile(folder), header: ["A"])
    for index in 0..<20_000 { try writer.write(["row \(index)"]) }
    #expect(try contents(of: folder).count == 1)
    writer.abandon()
    #expect(try contents(of: folder) == [])
  }

  @Test func droppingAnUnfinishedWriterRemovesItsTemporaryFile() throws {
    let folder = Fixtures.temporaryDirectory("csv")
    do {
      let writer = try CSVExportWriter(destination: exportFile(folder), header: ["A"])
      try writer.write(["row"])
      #expect(try contents(of: folder).count == 1)
    }
    #expect(try contents(of: folder) == [])
  }

  @Test func aMissingFolderGivesTheExactMessage() throws {
    let folder = Fixtures.temporaryDirectory("csv").appendingPathComponent("missing")
    #expect(throws: ExportError.cannotWrite(path: "Exports/x.csv")) {
      try CSVExportWriter(destination: exportFile(folder), header: ["A"])
    }
    #expect(!FileManager.default.fileExists(atPath: folder.path))
  }

  @Test func aDescriptorReceivesRowsAsTheyComeAndStaysOpen() throws {
    let url = Fixtures.temporaryDirectory("csv").appendingPathComponent("out.csv")
    let fd = open(url.path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
    try #require(fd >= 0)
    defer { close(fd) }
    let writer = try CSVExportWriter(destination: .descriptor(fd), header: ["N"])
    for index in 0..<20_000 { try writer.write([String(index)]) }
    let streamedSoFar = try Data(contentsOf: url).count
    #expect(streamedSoFar > 0)
    #expect(streamedSoFar <= 64 * 1024 * 2)
    try writer.finish()
    let expected = "N\r\n" + (0..<20_000).map { "\($0)\r\n" }.joined()
    #expect(try Data(contentsOf: url) == Self.bom + Data(expected.utf8))
    #expect(fcntl(fd, F_GETFD) != -1)
  }

  @Test func aFullDiskBehindADescriptorStopsTheStream() throws {
    let fd = open("/dev/full", O_WRONLY)
    try #require(fd >= 0)
    defer { close(fd) }
    let writer = try CSVExportWriter(destination: .descriptor(fd), header: ["A"])
    #expect(throws: ExportError.streamInterrupted(path: "standard output")) {
      try writer.finish()
    }
  }

  private func mode(_ url: URL) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) ?? -1
  }
}
