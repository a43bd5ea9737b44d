import Foundation
import InductionCore
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The database file and its `-wal` and `-shm` are checked as the signing key is: this user's own
/// regular file, with one name, readable by nobody else. A link planted in the data folder would
/// otherwise send the next parent's names into someone else's file.
@Suite("Database file")
struct DatabaseFileTests {
  /// A data folder with a database made and closed, and a file of someone else's beside it.
  static func folder() throws -> (folder: URL, database: URL, other: URL) {
    let folder = Fixtures.temporaryDirectory("database-file")
    let database = folder.appendingPathComponent("induction.sqlite")
    _ = try AppDatabase.open(at: database)
    let other = Fixtures.temporaryDirectory("elsewhere").appendingPathComponent("their.sqlite")
    try FileManager.default.copyItem(at: database, to: other)
    return (folder, database, other)
  }

  /// Expects opening `database` to be refused, naming `path` and saying `reason`.
  static func expectRefused(
    _ database: URL, path: String, _ reason: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(
      throws: StoreError.databaseFileUnsafe(path: path, reason: reason),
      sourceLocation: sourceLocation
    ) { try AppDatabase.open(at: database) }
  }

  @Test(arguments: ["", "-wal", "-shm"])
  func aSymbolicLinkIsRefused(suffix: String) throws {
    let (_, database, other) = try Self.folder()
    let path = database.path + suffix
    unlink(path)
    #expect(symlink(other.path + suffix, path) == 0)
    Self.expectRefused(
      database, path: path,
      "is a symbolic link, which could point anywhere; replace it with the file itself (restore the database from a backup)"
    )
  }

  @Test func aHardLinkIsRefused() throws {
    let (_, database, other) = try Self.folder()
    unlink(database.path)
    #expect(link(other.path, database.path) == 0)
    Self.expectRefused(
      database, path: database.path,
      "has another name (a hard link), so another file shares what it holds; replace it with a copy of its own (cp, then remove the other name)"
    )
  }

  @Test func aFileReadableByOthersIsRefusedSayingHowToFixIt() throws {
    let (_, database, _) = try Self.folder()
    chmod(database.path, 0o644)
    Self.expectRefused(
      database, path: database.path,
      "can be read by other users (mode 0644); make it private with: chmod 600 \(database.path)")
  }

  @Test func aFileOfAnotherUserIsRefused() throws {
    let (_, database, _) = try Self.folder()
    // Only root can give a file away; run as anyone else, the refusal cannot be set up here.
    guard geteuid() == 0 else { return }
    #expect(chown(database.path, 65534, 65534) == 0)
    Self.expectRefused(
      database, path: database.path,
      "belongs to another user; run induction as the user who owns it, or give it to this user with chown"
    )
  }

  @Test func thisUsersOwnPrivateFilesOpen() throws {
    let (_, database, _) = try Self.folder()
    #expect(throws: Never.self) { try AppDatabase.open(at: database) }
  }
}
