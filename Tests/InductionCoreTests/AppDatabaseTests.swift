import Foundation
import GRDB
import InductionCore
import TestSupport
import Testing

@Suite("Database gateway")
struct AppDatabaseTests {
  @Test func theWritingConnectionIsSynchronousFull() throws {
    let (database, _) = try makeSignedLedger(count: 0)
    #expect(try database.writerSynchronousSetting() == 2)
    let journal = try database.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
    #expect(journal == "wal")
  }

  @Test func filesAreOwnerOnlyAndTheFolderIs0700() throws {
    let directory = DataDirectory(
      url: Fixtures.temporaryDirectory("perm").appendingPathComponent("data"))
    try directory.prepare()
    _ = try AppDatabase.open(at: directory.databaseURL)
    _ = try SigningKey.loadOrCreate(at: directory.signingKeyURL, create: true)
    func mode(_ url: URL) throws -> Int {
      (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) ?? -1
    }
    #expect(try mode(directory.url) == 0o700)
    #expect(try mode(directory.databaseURL) == 0o600)
    #expect(try mode(directory.signingKeyURL) == 0o600)
  }

  @Test func aDatabaseFromANewerVersionIsRefusedAndLeftAlone() throws {
    let (database, url) = try makeSignedLedger(count: 1)
    try database.writer.write { db in
      try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
    }
    let before = try Data(contentsOf: url)
    #expect(throws: StoreError.newerSchema(path: url.path)) { try AppDatabase.open(at: url) }
    #expect(try Data(contentsOf: url) == before)
    #expect(
      StoreError.newerSchema(path: "/d/induction.sqlite").localizedDescription
        == "/d/induction.sqlite was made by a newer version of induction; install that version to use it (the file was not changed)"
    )
  }

  @Test func aFileThatIsNotADatabaseIsRefusedAndNotOverwritten() throws {
    let url = Fixtures.temporaryDirectory("notdb").appendingPathComponent("induction.sqlite")
    let junk = Data("this is a spreadsheet, not a database".utf8)
    try junk.write(to: url)
    #expect(throws: StoreError.notADatabase(path: url.path)) { try AppDatabase.open(at: url) }
    #expect(try Data(contentsOf: url) == junk)
  }

  @Test func aSigningKeyThatDoesNotMatchTheLedgerIsRefused() throws {
    let (database, _) = try makeSignedLedger(count: 1)
    #expect(throws: StoreError.signingKeyMismatch(path: "k")) {
      try database.registerSigningKey(SigningKey.generate(), keyPath: "k", at: Fixtures.instant)
    }
  }

  @Test func aMissingKeyIsNotSilentlyReplacedOnceEntriesExist() throws {
    let url = Fixtures.temporaryDirectory("key").appendingPathComponent("signing-key")
    #expect(throws: StoreError.signingKeyMissing(path: url.path)) {
      try SigningKey.loadOrCreate(at: url, create: false)
    }
    let created = try SigningKey.loadOrCreate(at: url, create: true)
    #expect(try SigningKey.loadOrCreate(at: url, create: true).publicKey == created.publicKey)
  }
}
