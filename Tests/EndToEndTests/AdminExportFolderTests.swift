import Foundation
import TestSupport
import Testing

/// The permission bits of the file or folder at `url`.
func mode(_ url: URL) throws -> Int {
  try #require(
    FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
}

@Suite("Admin: the default Exports folder", .hangGuard)
struct AdminExportFolderTests {
  @Test func anExportToTheDefaultPathMakesAPrivateExportsFolder() throws {
    // Given a working folder with no Exports folder in it
    let sandbox = try Sandbox()
    _ = try sandbox.seed()
    let work = try sandbox.emptyFolder("work")
    // When a list is exported without --out
    let result = try sandbox.induction(["export", "completion"], workingIn: work)
    // Then Exports is made, only its owner may enter it, and the list is in it
    #expect(result.status == 0, "\(result.error)")
    #expect(result.error == "")
    let match = try #require(
      result.output.wholeMatch(
        of: /wrote 0 rows to Exports\/(completion-\d{4}-\d{2}-\d{2}\.csv)\n/),
      "\(result.output)")
    let exports = work.appendingPathComponent("Exports")
    #expect(try mode(exports) == 0o700)
    #expect(try FileManager.default.contentsOfDirectory(atPath: exports.path) == [String(match.1)])
    #expect(try mode(exports.appendingPathComponent(String(match.1))) == 0o600)
  }

  @Test func anExistingExportsFolderIsUsedAsItIs() throws {
    let sandbox = try Sandbox()
    _ = try sandbox.seed()
    let work = try sandbox.emptyFolder("work")
    let exports = work.appendingPathComponent("Exports")
    try FileManager.default.createDirectory(
      at: exports, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o750])
    let result = try sandbox.induction(["export", "outstanding"], workingIn: work)
    #expect(result.status == 0, "\(result.error)")
    #expect(try mode(exports) == 0o750)
    #expect(try FileManager.default.contentsOfDirectory(atPath: exports.path).count == 1)
  }

  @Test func aFolderNamedInOutIsNeverMade() throws {
    let sandbox = try Sandbox()
    _ = try sandbox.seed()
    let work = try sandbox.emptyFolder("work")
    let result = try sandbox.induction(
      ["export", "completion", "--out", "missing/list.csv"], workingIn: work)
    #expect(result.status == 1)
    #expect(
      result.error
        == "induction: cannot write missing/list.csv; check the folder exists and you may write to it\n"
    )
    #expect(try FileManager.default.contentsOfDirectory(atPath: work.path) == [])
  }
}
