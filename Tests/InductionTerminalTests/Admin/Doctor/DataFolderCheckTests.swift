import Foundation
import InductionCore
import InductionTerminal
import TestSupport
import Testing

@Suite("Doctor: the data folder")
struct DataFolderCheckTests {
  @Test func aPrivateFolderOfThisUsersIsOK() throws {
    // Given a data folder as the program makes it
    let folder = Fixtures.temporaryDirectory("doctor")
    _ = try LedgerBuilder.dataDirectory(folder)
    // When it is checked
    let findings = DataFolderCheck.check(DataDirectory(url: folder))
    // Then it is ok, naming its owner and mode
    let owner = try #require(InstalledLayout.userName())
    #expect(findings == [.ok("data folder \(folder.path) (owner \(owner), mode 0700)")])
  }

  @Test func aFolderOthersCanListIsAProblemWithTheChmodToRun() throws {
    // Given a data folder with mode 0755
    let folder = Fixtures.temporaryDirectory("doctor")
    _ = try LedgerBuilder.dataDirectory(folder)
    chmod(folder.path, 0o755)
    // When it is checked
    let findings = DataFolderCheck.check(DataDirectory(url: folder))
    // Then the one problem says the mode and what to run
    #expect(
      findings == [
        .problem(
          "data folder \(folder.path) is mode 0755, open to other users",
          fix: "chmod 700 \(folder.path)")
      ])
  }

  @Test func aDatabaseFileOthersCanReadIsAProblem() throws {
    // Given a private folder whose database file is mode 0644
    let folder = Fixtures.temporaryDirectory("doctor")
    _ = try LedgerBuilder.dataDirectory(folder)
    let database = folder.appendingPathComponent("induction.sqlite").path
    chmod(database, 0o644)
    // When it is checked
    let findings = DataFolderCheck.check(DataDirectory(url: folder))
    // Then the file is named with the chmod to run
    #expect(
      findings == [.problem("\(database) is mode 0644, not 0600", fix: "chmod 600 \(database)")])
  }

  @Test func aFolderOfAnotherUsersIsAProblem() throws {
    // Given a data folder owned by this user, checked as another
    let folder = Fixtures.temporaryDirectory("doctor")
    _ = try LedgerBuilder.dataDirectory(folder)
    let findings = DataFolderCheck.check(DataDirectory(url: folder), uid: geteuid() + 4242)
    // Then it is a problem naming the owner
    let finding = try #require(findings.first)
    #expect(findings.count == 1)
    #expect(finding.isProblem)
    #expect(finding.text.hasPrefix("data folder \(folder.path) belongs to "))
  }

  @Test func aMissingFolderSaysWhatMakesIt() {
    let folder = Fixtures.temporaryDirectory("doctor").appendingPathComponent("data")
    #expect(
      DataFolderCheck.check(DataDirectory(url: folder)) == [
        .problem(
          "data folder \(folder.path) does not exist",
          fix: "induction staff set-pin (it makes the folder, the database and this PC's key)")
      ])
  }
}
