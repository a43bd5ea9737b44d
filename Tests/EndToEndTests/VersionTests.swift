import Foundation
import TestSupport
import Testing

@Suite("Version")
struct VersionTests {
  @Test func versionNamesTheReleaseAndTheCommitItWasBuiltFrom() throws {
    // Given the commit checked out where the binary was built
    let git = try #require(BuiltBinary.tool("git"), "git is needed to read the commit")
    let head = try PipedProgram.run(
      git.path, ["-C", Fixtures.repositoryRoot.path, "rev-parse", "HEAD"])
    try #require(head.status == 0, "\(head.error)")
    let commit = String(head.output.prefix(12))
    // When the binary is asked its version
    let result = try PipedProgram.run(try BuiltBinary.induction().path, ["--version"])
    // Then it names both
    #expect(result.status == 0)
    #expect(
      result.output.firstMatch(of: /^induction \d+\.\d+\.\d+ \(commit [0-9a-f]{12}\)\n$/) != nil)
    #expect(result.output.hasSuffix("(commit \(commit))\n"), "\(result.output)")
  }
}
