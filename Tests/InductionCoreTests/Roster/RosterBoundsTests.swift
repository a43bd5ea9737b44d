import Foundation
import InductionCore
import TestSupport
import Testing

@Suite("Roster parser: columns and line length bounded before parsing", .hangGuard)
struct RosterBoundsTests {
  private func messages(_ text: String) -> [String] {
    RosterParser.parse(Data(text.utf8), displayPath: "roster.csv").problems.map(\.description)
  }

  static let tooManyColumns =
    "has more than 200 columns, more than a roster can need; export only the parent, child, class and email columns"

  static let tooLong =
    "is longer than 65,536 characters, longer than any roster row; check this is the roster CSV exported from the school's system"

  @Test func aHeaderOfMoreThan200ColumnsIsRefusedNamingTheFileAndLine() {
    let header = (["parent name", "child name", "class"] + (4...201).map { "Extra \($0)" })
      .joined(separator: ",")
    let row = (["Amy Lee", "Ben Lee", "Year 2"] + (4...201).map { _ in "" })
      .joined(separator: ",")
    #expect(messages(header + "\n" + row + "\n") == ["roster.csv:1: \(Self.tooManyColumns)"])
  }

  @Test func aHeaderOfTwoMillionColumnsIsRefusedAtOnce() {
    // Parsed, a header this wide took minutes; the bound is checked in one pass over the bytes.
    let header = String(repeating: "a,", count: 2_000_000)
    #expect(messages(header + "\nAmy Lee\n") == ["roster.csv:1: \(Self.tooManyColumns)"])
  }

  @Test func aRowOfMoreThan200ColumnsIsRefusedAtItsLine() {
    let text =
      "parent name,child name,class\nAmy Lee,Ben Lee,Year 2\n"
      + String(repeating: "x,", count: 250) + "x\n"
    #expect(messages(text) == ["roster.csv:3: \(Self.tooManyColumns)"])
  }

  @Test func exactly200ColumnsAreAccepted() {
    let header = (["parent name", "child name", "class"] + (4...200).map { "Extra \($0)" })
      .joined(separator: ",")
    let cells = ["Amy Lee", "Ben Lee", "Year 2"]
    let row = (cells + (4...200).map { _ in "" }).joined(separator: ",")
    let result = RosterParser.parse(Data((header + "\n" + row + "\n").utf8), displayPath: "r.csv")
    #expect(result.problems == [])
    #expect(result.rows.map { [$0.parentName, $0.childName, $0.className] } == [cells])
  }

  @Test func commasAndLineBreaksInsideQuotesAreNotCountedAsColumnsOrLines() {
    let text =
      "parent name,child name,class\n\"Lee, Amy\",\"Ben\nLee\",\""
      + String(repeating: ",", count: 300) + "\"\nCal Ray,Dee Ray,Year 1\n"
    let result = RosterParser.parse(Data(text.utf8), displayPath: "roster.csv")
    #expect(!result.problems.map(\.reason).contains(Self.tooManyColumns))
    #expect(result.rows.map(\.line) == [4])
  }

  @Test func aLineLongerThan65536CharactersIsRefusedAtItsLine() {
    let text =
      "parent name,child name,class\nAmy Lee,Ben Lee,Year 2\nCal Ray,"
      + String(repeating: "x", count: 70_000) + ",Year 1\n"
    #expect(messages(text) == ["roster.csv:3: \(Self.tooLong)"])
  }

  @Test func aQuotedFieldOfManyShortLinesCountsAsOneLongRecord() {
    let text =
      "parent name,child name,class\nAmy Lee,\""
      + String(repeating: String(repeating: "x", count: 99) + "\n", count: 700) + "\",Year 2\n"
    #expect(messages(text) == ["roster.csv:2: \(Self.tooLong)"])
  }

  @Test func theBoundsApplyToAFileAsToData() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "roster-bounds-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("roster.csv")
    try Data((String(repeating: "a,", count: 300) + "a\nAmy Lee\n").utf8).write(to: file)
    let result = RosterParser.parse(fileAt: file.path, displayPath: "roster.csv")
    #expect(result.problems.map(\.description) == ["roster.csv:1: \(Self.tooManyColumns)"])
    #expect(result.rows == [])
  }
}
