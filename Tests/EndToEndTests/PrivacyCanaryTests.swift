import Foundation
import InductionCore
import TestSupport
import Testing

/// A name used nowhere else, so any appearance in standard error is a leak.
private let canaryParent = "Quillon Canarywick"
private let canaryChild = "Canarina Canarywick"
private let canaryFragment = "anarywick"

@Suite("Personal data stays out of error output")
struct PrivacyCanaryTests {
  @Test func noCommandEverWritesACanaryNameToStandardError() throws {
    // Given a parent with a canary name who signs through a pipe
    let sandbox = try Sandbox()
    let key = try AnswerKey()
    let program = try sandbox.startPiped(seed: 5)
    let driver = InductionDriver(program: program, key: key)
    try driver.readWelcomeAndGuidance()
    try driver.passQuiz()
    try program.waitFor("Your full name: ", timeout: stepTimeout)
    // A hostile first try, refused, then the canary name
    try program.sendLine(canaryParent + "\u{1B}[2J")
    try program.waitFor("Your full name: ", timeout: stepTimeout)
    try program.sendLine(canaryParent)
    try program.waitFor("Type a number (1-4): ", timeout: stepTimeout)
    try program.sendLine("1")
    try program.waitFor("Child 1, full name: ", timeout: stepTimeout)
    try program.sendLine(canaryChild)
    try program.waitFor("Child 1, class (number or name): ", timeout: stepTimeout)
    try program.sendLine("Year 1")
    try program.waitFor("(yes/no): ", timeout: stepTimeout)
    try program.sendLine("no")
    try program.waitFor("Is this right? (yes/no): ", timeout: stepTimeout)
    try program.sendLine("yes")
    try program.waitFor("To sign, type your full name as you gave it: ", timeout: stepTimeout)
    try program.sendLine("Someone Else")  // a mismatch first
    try program.waitFor("To sign, type your full name as you gave it: ", timeout: stepTimeout)
    try program.sendLine(canaryParent)
    try program.waitFor(
      "Type yes to sign and save, or no to change your details: ", timeout: stepTimeout)
    try program.sendLine("yes")
    let receipt =
      try program.waitFor("Your reference: ", timeout: stepTimeout)
      + (try program.waitFor("\n", timeout: stepTimeout))
    let reference = try #require(displayedReference(in: receipt))
    program.closeInput()
    #expect(try program.waitForExit(timeout: stepTimeout) == 0)
    var errors = program.errorOutput

    // When every admin command runs on that data, including ones that fail
    let roster = sandbox.root.appendingPathComponent("roster.csv")
    try Data(
      "Parent,Child,Class\n\(canaryParent),\(canaryChild),Year 1\n\(canaryParent),,Year 1\n\(canaryParent)\u{7},x,y,z\n"
        .utf8
    ).write(to: roster)
    let base = [
      "--data-dir", sandbox.dataDirectory.path, "--scenarios", BuiltBinary.scenariosDirectory.path,
    ]
    let runs: [[String]] = [
      ["verify"], ["stats"], ["export", "acknowledgements", "--out", "-"],
      ["export", "completion", "--out", "-"],
      ["export", "outstanding", "--out", "-"], ["roster", "import", roster.path],
      ["roster", "unmatched"],
      ["roster", "link", reference, canaryChild + " Junior"],
      ["roster", "link", "ZZZZ-ZZZZ", canaryChild],
      ["access", "--parent", canaryParent + " Senior"],
      ["revoke", "ZZZZ-ZZZZ", "--reason", "typo"],
      ["erase", "ZZZZ-ZZZZ", "--yes"], ["checkpoint"], ["verify", "--against", roster.path],
      // a name typed where the reference goes
      ["revoke", canaryParent, "--reason", "typo"], ["erase", canaryParent, "--yes"],
      ["roster", "link", canaryParent, canaryChild],
      [
        "export", "acknowledgements", "--out",
        sandbox.root.appendingPathComponent("missing/x.csv").path,
      ],
    ]
    for arguments in runs {
      let result = try PipedProgram.run(
        sandbox.executable.path, arguments + base, environment: sandbox.environment)
      errors += result.error
    }
    // And after the database is tampered with, verify explains without names
    let sqlite3 = try #require(BuiltBinary.tool("sqlite3"))
    _ = try PipedProgram.run(
      sqlite3.path,
      [
        sandbox.databasePath, "UPDATE personal_details SET parent_name = '\(canaryParent) Edited';",
      ],
      environment: sandbox.environment)
    let damaged = try PipedProgram.run(
      sandbox.executable.path, ["verify"] + base, environment: sandbox.environment)
    #expect(damaged.status == 1)
    errors += damaged.error

    // Then standard error said what went wrong, but never a name
    #expect(errors.contains("the ledger in"))
    #expect(errors.contains("roster.csv:3:"))
    #expect(errors.contains("no acknowledgement has a reference like that"))
    #expect(!errors.contains(canaryFragment), "standard error leaked a name:\n\(errors)")
  }
}
