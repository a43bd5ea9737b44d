import Foundation
import InductionCore
import TestSupport
import Testing

@Suite("Scenario lint")
struct ScenarioLinterTests {
  func lint(_ folder: ScenarioFolder) -> [String] {
    ScenarioLinter.lint(directory: folder.url, displayPath: "S").problems.map(\.description)
  }

  @Test func theShippedScenariosPassAndCoverEveryProhibitedExampleTwice() throws {
    let folder = Fixtures.repositoryRoot.appendingPathComponent("Scenarios")
    let report = ScenarioLinter.lint(directory: folder)
    #expect(report.problems == [])
    let catalog = try #require(report.catalog)
    #expect(catalog.guidance.prohibitedExamples.count == 8)
    for example in catalog.guidance.prohibitedExamples {
      #expect(catalog.scenarios.filter { $0.example == example.text }.count >= 2, "\(example.text)")
    }
    #expect(
      !catalog.guidance.title.contains("Nurser"),
      "the letterhead artefact must not be in guidance.md")
  }

  @Test func aValidFolderLoads() throws {
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    #expect(lint(folder) == [])
    let catalog = try ScenarioLinter.load(directory: folder.url)
    #expect(catalog.scenarios.map(\.id) == ["rule-one", "rule-two"])
    #expect(catalog.school.timeZone.identifier == "Europe/London")
  }

  @Test(arguments: [
    (
      "id: x\nexample: \"Rule one.\n",
      ["S/01-rule-one.yaml:3: YAML syntax error: found unexpected end of stream"]
    ),
    (
      ScenarioFolder.scenario(id: "rule-one", example: "Rule one.").replacingOccurrences(
        of: "title: A title\n", with: ""),
      ["S/01-rule-one.yaml:1: missing \"title\""]
    ),
    (
      ScenarioFolder.scenario(id: "rule-one", example: "Rule one.") + "colour: red\n",
      [
        "S/01-rule-one.yaml:14: unknown field \"colour\" (expected one of: choices, example, id, question, situation, title)"
      ]
    ),
    (
      ScenarioFolder.scenario(id: "rule-one", example: "Rule one.").replacingOccurrences(
        of: "    correct: true\n", with: ""),
      ["S/01-rule-one.yaml:6: no choice is marked \"correct: true\"; mark exactly one"]
    ),
    (
      ScenarioFolder.scenario(id: "rule-one", example: "Rule one.").replacingOccurrences(
        of: "    feedback: Posting spreads it.\n",
        with: "    feedback: Posting spreads it.\n    correct: true\n"),
      ["S/01-rule-one.yaml:6: 2 choices are marked \"correct: true\"; mark exactly one"]
    ),
    (
      ScenarioFolder.scenario(id: "rule-one", example: "Rule one.").replacingOccurrences(
        of: "    feedback: Posting spreads it.\n", with: ""),
      ["S/01-rule-one.yaml:10: choice 2 has no feedback"]
    ),
    (
      ScenarioFolder.scenario(id: "rule-one", example: "Rule one.").replacingOccurrences(
        of: "  - text: Say nothing at all.\n    feedback: Raise it with staff.\n", with: ""),
      ["S/01-rule-one.yaml:6: has 2 choices; give 3 or 4"]
    ),
  ])
  func aBrokenScenarioFileIsReportedAtItsLine(contents: String, expected: [String]) {
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    folder.write("01-rule-one.yaml", contents)
    var problems = lint(folder)
    // Breaking rule one's only scenario also leaves its bullet uncovered.
    problems.removeAll {
      $0 == "S/guidance.md:7: prohibited example has no scenario: \"Rule one.\""
    }
    #expect(problems == expected)
  }

  @Test func anExampleThatQuotesNoBulletAndTheBulletItLeftUncoveredAreBothReported() {
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    folder.write("02-rule-two.yaml", ScenarioFolder.scenario(id: "rule-two", example: "Rule 2."))
    #expect(
      lint(folder) == [
        "S/02-rule-two.yaml:2: example does not quote any prohibited example in guidance.md exactly",
        "S/guidance.md:8: prohibited example has no scenario: \"Rule two.\"",
      ])
  }

  @Test func aDuplicateIDNamesTheFirstFile() {
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    folder.write("03-again.yaml", ScenarioFolder.scenario(id: "rule-one", example: "Rule one."))
    #expect(
      lint(folder) == ["S/03-again.yaml:1: id \"rule-one\" is already used by S/01-rule-one.yaml"])
  }

  @Test func emptyBinaryAndOversizedFilesAreRefused() {
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    folder.write("03-empty.yaml", "  \n")
    folder.write("04-binary.yaml", bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01])
    folder.write("05-big.yaml", String(repeating: "# padding\n", count: 7_000))
    #expect(
      lint(folder) == [
        "S/03-empty.yaml:1: file is empty",
        "S/04-binary.yaml:1: file is not UTF-8 text (it looks binary); save it as UTF-8 text",
        "S/05-big.yaml:1: file is larger than 64 KiB; a scenario should be a page of text",
      ])
  }

  @Test func aMissingGuidanceOrSchoolFileIsReported() {
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    folder.remove("school.yaml")
    folder.write("guidance.md", "# Only a title\n\nNo list here.\n")
    #expect(
      lint(folder) == [
        "S/guidance.md:1: no prohibited examples found: add a \"- \" bullet list after the paragraph ending \"must be avoided\"",
        "S/school.yaml:1: file cannot be read; check it exists and its permissions",
        "S/01-rule-one.yaml:2: example does not quote any prohibited example in guidance.md exactly",
        "S/02-rule-two.yaml:2: example does not quote any prohibited example in guidance.md exactly",
      ])
  }

  @Test func aBadTimeZoneAndAnUnknownSchoolFieldAreReported() {
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    folder.write("school.yaml", "name: T\ntime_zone: Mars/Olympus\nstatement: S\nmotto: hi\n")
    #expect(
      lint(folder) == [
        "S/school.yaml:2: unknown time zone \"Mars/Olympus\" (for example: Europe/London)",
        "S/school.yaml:4: unknown field \"motto\" (expected one of: classes, name, retention, statement, time_zone)",
      ])
  }

  @Test func loadingAFolderThatFailsLintThrowsEveryProblem() {
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    folder.remove("02-rule-two.yaml")
    #expect(throws: ScenarioLoadError.self) {
      try ScenarioLinter.load(directory: folder.url, displayPath: "S")
    }
  }
}
