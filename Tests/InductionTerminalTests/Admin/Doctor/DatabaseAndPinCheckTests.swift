import Foundation
import InductionCore
import InductionTerminal
import TestSupport
import Testing

@Suite("Doctor: the database and the staff PIN")
struct DatabaseAndPinCheckTests {
  @Test func anExistingSQLiteDatabaseOpensAndSaysHowManyEntries() throws {
    // Given a data folder with its genesis entry
    let folder = Fixtures.temporaryDirectory("doctor")
    _ = try LedgerBuilder.dataDirectory(folder)
    let directory = DataDirectory(url: folder)
    // When it is checked
    let (finding, database) = DatabaseCheck.check(directory, sharedURL: nil) {
      try AppDatabase.open(at: directory.databaseURL)
    }
    // Then it is ok, naming the file
    #expect(
      finding == .ok("database SQLite \(directory.databaseURL.path) opens (1 ledger entry)"))
    #expect(database != nil)
  }

  @Test func aMissingDatabaseIsAProblemAndNothingIsMade() {
    // Given an empty data folder
    let folder = Fixtures.temporaryDirectory("doctor")
    let directory = DataDirectory(url: folder)
    var opened = false
    // When it is checked
    let (finding, database) = DatabaseCheck.check(directory, sharedURL: nil) {
      opened = true
      return try AppDatabase.inMemory()
    }
    // Then it is a problem, and nothing was opened (so nothing made)
    #expect(
      finding
        == .problem(
          "no database at \(directory.databaseURL.path) yet",
          fix: "induction staff set-pin (it makes the database and this PC's key)"))
    #expect(database == nil)
    #expect(!opened)
    #expect(!FileManager.default.fileExists(atPath: directory.databaseURL.path))
  }

  @Test func aDatabaseThatCannotBeOpenedSaysWhy() {
    let folder = Fixtures.temporaryDirectory("doctor")
    let (finding, _) = DatabaseCheck.check(
      DataDirectory(url: folder), sharedURL: "postgres://nobody@127.0.0.1:1/none"
    ) { throw AdminFailure("the server at 127.0.0.1:1 is not answering") }
    #expect(
      finding
        == .problem(
          "the database could not be opened", fix: "the server at 127.0.0.1:1 is not answering"))
  }

  @Test func noStaffPinIsAProblemAndASetOneIsOK() throws {
    // Given a ledger without a staff PIN
    let builder = try LedgerBuilder.inMemory()
    #expect(
      StaffPinCheck.check(builder.database)
        == .problem(
          "no staff PIN is set, so nobody can close the kiosk", fix: "induction staff set-pin"))
    // When one is set
    try builder.database.setStaffPin(
      PinHasher.hash("246810", parameters: .fastForTests), station: "Reception",
      at: Fixtures.instant)
    // Then it is ok
    #expect(StaffPinCheck.check(builder.database) == .ok("staff PIN is set"))
  }
}
