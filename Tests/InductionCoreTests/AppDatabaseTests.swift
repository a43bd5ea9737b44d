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

  @Test func aKeyTheLedgerHasNotEnrolledIsKeptAsACandidateAndMaySignNothing() throws {
    // Given a ledger begun by the fixture key, when another key opens it
    let (database, _) = try makeSignedLedger(count: 1)
    let stranger = SigningKey.generate()
    #expect(
      try database.registerSigningKey(stranger, keyPath: "k", at: Fixtures.instant) == .notEnrolled)
    // Then it is listed as not enrolled, and signing with it is refused before anything is written
    #expect(try database.keyListings().map(\.status) == [.trusted, .notEnrolled])
    let builder = try LedgerBuilder(database: database, key: stranger)
    #expect(
      throws: StoreError.keyNotTrusted(
        fingerprint: KeyFingerprint.display(stranger.id), status: .notEnrolled)
    ) {
      try builder.sign(parent: "P", children: [], at: Fixtures.instant)
    }
    #expect(try database.ledgerEntries().count == 2)
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
