import Foundation
import InductionCore
import TestSupport
import Testing

@Suite("A start that cannot begin says why, one plain line each", .hangGuard)
struct StartRefusalTests {
  @Test(arguments: [["start"], ["kiosk", "--station", "Reception"]])
  func startFromAFolderWithoutScenariosSaysTheFolderWasNotFoundAndWhatToPass(
    arguments: [String]
  ) throws {
    // Given a working folder with no Scenarios folder, and no INDUCTION_SCENARIOS
    let sandbox = try Sandbox()
    let work = try sandbox.emptyFolder("work")
    var environment = sandbox.environment
    environment["INDUCTION_SCENARIOS"] = nil
    // When a parent induction is started there
    let result = try sandbox.induction(arguments, workingIn: work, environment: environment)
    // Then it says so plainly: which folder, where it looked, what to pass
    #expect(result.status == 1)
    #expect(
      result.error
        == "induction: the scenarios folder Scenarios was not found in \(work.path); pass it with --scenarios DIR (or set INDUCTION_SCENARIOS), or run induction from the folder that holds Scenarios\n"
    )
    #expect(result.output == "")
  }

  @Test func aScenariosFolderThatFailsLintIsListedOneProblemALine() throws {
    // Given a scenarios folder with an unknown field in one scenario
    let sandbox = try Sandbox()
    let work = try sandbox.emptyFolder("work")
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    folder.write(
      "01-rule-one.yaml",
      ScenarioFolder.scenario(id: "rule-one", example: "Rule one.") + "colour: red\n")
    // When a parent induction is started on it
    let result = try sandbox.induction(
      ["start", "--scenarios", folder.url.path], workingIn: work)
    // Then each problem is a line of its own, then what to do; no joined lines
    #expect(result.status == 1)
    let problems = ScenarioLinter.lint(directory: folder.url, displayPath: folder.url.path)
      .problems.map(\.description)
    #expect(problems.count == 2)
    #expect(
      result.error
        == (problems + [
          "the scenarios need fixing before inductions can run; run `induction scenarios lint` after editing"
        ]).map { "induction: \($0)\n" }.joined())
    #expect(!result.error.contains("\\u{A}"))
  }
}
