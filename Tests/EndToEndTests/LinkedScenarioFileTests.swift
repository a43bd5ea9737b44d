import Foundation
import TestSupport
import Testing

@Suite(
  "A linked scenario file is refused, and what it points to never shown", .hangGuard)
struct LinkedScenarioFileTests {
  @Test func lintAndStartRefuseALinkWithoutQuotingTheFileItPointsTo() throws {
    // Given a scenarios folder with a link to a password file (shaped like /etc/shadow) in it
    let sandbox = try Sandbox()
    let work = try sandbox.emptyFolder("work")
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    let shadow = sandbox.root.appendingPathComponent("shadow")
    try Data("root:$6$Zq9secretSALT$hashhashhash:19000:0:99999:7::\n".utf8).write(to: shadow)
    try FileManager.default.createSymbolicLink(
      at: folder.url.appendingPathComponent("97-x.yaml"), withDestinationURL: shadow)
    let problem =
      "induction: \(folder.url.path)/97-x.yaml:1: is a symbolic link, which is not followed; put the file itself in the folder\n"
    // When the folder is linted, and a parent induction started on it
    let lint = try sandbox.induction(["scenarios", "lint", folder.url.path], workingIn: work)
    let start = try sandbox.induction(
      ["start", "--scenarios", folder.url.path], workingIn: work)
    // Then both name the link, and neither shows a line of the file it points to
    #expect(lint.status == 1)
    #expect(
      lint.error
        == problem.replacingOccurrences(of: "induction: ", with: "")
        + "induction: 1 problem in \(folder.url.path); fix them and run this again\n")
    #expect(start.status == 1)
    #expect(
      start.error
        == problem
        + "induction: the scenarios need fixing before inductions can run; run `induction scenarios lint` after editing\n"
    )
    #expect(!(lint.output + lint.error + start.output + start.error).contains("secretSALT"))
  }
}
