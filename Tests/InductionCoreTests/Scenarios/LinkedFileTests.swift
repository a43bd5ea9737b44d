import Foundation
import InductionCore
import TestSupport
import Testing

/// Lines shaped like /etc/shadow: each ends in a colon, so YAML reads each as a field name.
private let secretLines = """
  root:$6$Zq9secretSALT$hashhashhashhashhash:19000:0:99999:7::
  daemon:*:19000:0:99999:7::

  """

@Suite("Scenario, pack and roster files: links are not followed, other files are never quoted")
struct LinkedFileTests {
  func lint(_ folder: ScenarioFolder) -> [String] {
    ScenarioLinter.lint(directory: folder.url, displayPath: "S").problems.map(\.description)
  }

  /// A file outside the folder holding `text`, and a link to it at `name` in the folder.
  func link(_ name: String, in folder: ScenarioFolder, to text: String) throws -> URL {
    let outside = Fixtures.temporaryDirectory("outside").appendingPathComponent("secret")
    try Data(text.utf8).write(to: outside)
    try FileManager.default.createSymbolicLink(
      at: folder.url.appendingPathComponent(name), withDestinationURL: outside)
    return outside
  }

  @Test func aLinkedScenarioFileIsRefusedWithoutReadingIt() throws {
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    _ = try link("97-x.yaml", in: folder, to: secretLines)
    #expect(
      lint(folder) == [
        "S/97-x.yaml:1: is a symbolic link, which is not followed; put the file itself in the folder"
      ])
  }

  @Test func aLinkToAScenarioIsRefusedToo() throws {
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    folder.remove("02-rule-two.yaml")
    _ = try link(
      "02-rule-two.yaml", in: folder,
      to: ScenarioFolder.scenario(id: "rule-two", example: "Rule two."))
    let problems = lint(folder)
    #expect(
      problems.first
        == "S/02-rule-two.yaml:1: is a symbolic link, which is not followed; put the file itself in the folder"
    )
  }

  @Test(arguments: ["guidance.md", "school.yaml"])
  func aLinkedGuidanceOrSchoolFileIsRefused(name: String) throws {
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    folder.remove(name)
    _ = try link(name, in: folder, to: secretLines)
    let problems = lint(folder)
    #expect(
      problems.contains(
        "S/\(name):1: is a symbolic link, which is not followed; put the file itself in the folder"),
      "\(problems)")
    #expect(!problems.joined().contains("root"), "\(problems)")
  }

  @Test(arguments: [
    ("97-x.yaml", "expected a scenario with fields such as \"id:\" and \"choices:\""),
    ("school.yaml", "expected fields such as \"name:\" and \"statement:\""),
  ])
  func aFileWithNoneOfItsFieldsIsNeverQuoted(name: String, reason: String) {
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    folder.write(name, secretLines)
    #expect(lint(folder) == ["S/\(name):1: \(reason)"])
  }

  @Test func repeatedFieldsAreNamedOnlyWhenTheyLookLikeFieldNames() {
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    folder.write("97-x.yaml", secretLines + secretLines)
    folder.write("98-y.yaml", "title: One\ntitle: Two\n")
    #expect(
      lint(folder) == [
        "S/97-x.yaml:2: a field is repeated", "S/98-y.yaml:1: field repeated: title",
      ])
  }

  @Test func aLinkedPackFileIsRefused() throws {
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    folder.writePolishPack()
    folder.remove("translations/pl/01-rule-one.yaml")
    _ = try link("translations/pl/01-rule-one.yaml", in: folder, to: secretLines)
    let report = ContentLinter.lint(directory: folder.url, displayPath: "S")
    let problems = report.problems.map(\.description)
    #expect(
      problems.contains(
        "S/translations/pl/01-rule-one.yaml:1: is a symbolic link, which is not followed; put the file itself in the folder"
      ), "\(problems)")
    #expect(!problems.joined().contains("root"), "\(problems)")
  }

  @Test func aLinkedRosterIsRefusedWithoutReadingIt() throws {
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    _ = try link("roster.csv", in: folder, to: "parent name,child name,class\nA B,C D,Year 1\n")
    let result = RosterParser.parse(
      fileAt: folder.url.appendingPathComponent("roster.csv").path, displayPath: "roster.csv")
    #expect(
      result.problems.map(\.description) == [
        "roster.csv:1: is a symbolic link, which is not followed; give the roster CSV file itself"
      ])
    #expect(result.rows == [])
  }
}

extension LinkedFileTests {
  @Test func aWordListThatIsNotOneIsNeverQuoted() {
    let parsed = StringCatalogue.parse(secretLines, language: "pl", file: "strings.yaml")
    #expect(parsed.catalogue == nil)
    #expect(
      parsed.problems.map(\.description) == [
        "strings.yaml:1: expected lines of the form key: text, such as welcome.prompt: Press Enter to begin",
        "strings.yaml:2: expected lines of the form key: text, such as welcome.prompt: Press Enter to begin",
      ])
  }
}
