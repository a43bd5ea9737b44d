import Foundation
import InductionCore
import TestSupport
import Testing

@Suite("The database a data folder remembers")
struct RememberedDatabaseTests {
  static func folder() -> DataDirectory {
    DataDirectory(url: Fixtures.temporaryDirectory("remembered"))
  }

  @Test func aFolderSetUpForNoDatabaseRemembersNone() throws {
    #expect(try RememberedDatabase(Self.folder()).url() == nil)
  }

  @Test func theURLIsRememberedWithoutItsPasswordPrivatelyAndReadBack() throws {
    // Given a URL with a password, a percent-encoded user and no sslmode
    let setting = RememberedDatabase(Self.folder())
    // When it is remembered
    let (written, dropped) = try setting.remember(
      "postgresql://office%40school:pa55word@db.school.lan/induction")
    // Then the password is left out, the form is whole, the file is private and reads back
    #expect(dropped)
    #expect(
      written == "postgres://office%40school@db.school.lan:5432/induction?sslmode=verify-full")
    #expect(try setting.url() == written)
    let text = try String(contentsOf: setting.file, encoding: .utf8)
    #expect(!text.contains("pa55word"))
    let mode =
      try FileManager.default.attributesOfItem(atPath: setting.file.path)[
        .posixPermissions] as? Int
    #expect(mode == 0o600)
    // And remembering another replaces it
    #expect(
      try setting.remember("postgres://induction@[::1]:6543/records").droppedPassword == false)
    #expect(try setting.url() == "postgres://induction@[::1]:6543/records?sslmode=disable")
  }

  @Test func theSameDatabaseIsRecognisedWhateverTheSpellingOrPassword() {
    let remembered = "postgres://induction@db.school.lan:5432/induction?sslmode=verify-full"
    #expect(
      RememberedDatabase.sameDatabase(
        "postgresql://induction:x@db.school.lan/induction", remembered))
    #expect(
      !RememberedDatabase.sameDatabase("postgres://induction@db.school.lan/other", remembered))
    #expect(
      !RememberedDatabase.sameDatabase(
        "postgres://induction@db.school.lan/induction?sslmode=disable", remembered))
  }

  @Test(arguments: [
    ("database = sqlite\n", 1), ("# set up by hand\n\nserver = postgres://a@b/c\n", 3),
    ("database = postgres://a:secret@b/c\n", 1), ("", 1),
    ("database = postgres://a@b/c\ndatabase = postgres://a@b/d\n", 2),
  ])
  func aDamagedSettingIsRefusedNamingTheLine(text: String, line: Int) throws {
    let setting = RememberedDatabase(Self.folder())
    try Data(text.utf8).write(to: setting.file)
    #expect(throws: RememberedDatabaseError.damaged(path: setting.file.path, line: line)) {
      try setting.url()
    }
  }

  @Test func anUnreadableSettingIsRefusedNotTakenForNone() throws {
    guard geteuid() != 0 else { return }  // root reads any file
    let setting = RememberedDatabase(Self.folder())
    try Data("database = postgres://a@b/c\n".utf8).write(to: setting.file)
    chmod(setting.file.path, 0)
    #expect(throws: RememberedDatabaseError.unreadable(path: setting.file.path)) {
      try setting.url()
    }
  }
}
