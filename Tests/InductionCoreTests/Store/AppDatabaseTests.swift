import Foundation
import GRDB
@_spi(RawStore) import InductionCore
import TestSupport
import Testing

@Suite("Database gateway")
struct AppDatabaseTests {
  @Test func theWritingConnectionIsSynchronousFull() throws {
    let (database, _) = try makeSignedLedger(count: 0)
    #expect(try database.sqlite!.writerSynchronousSetting() == 2)
    let journal = try database.sqlite!.writer.read {
      try String.fetchOne($0, sql: "PRAGMA journal_mode")
    }
    #expect(journal == "wal")
  }

  @Test func aSigningCommitsFullyEvenRightAfterASessionsOwnLighterWrites() throws {
    // Given a parent's session started and an answer recorded (flushed with the next signing)
    let builder = try LedgerBuilder.onDisk("synchronous")
    let at = Fixtures.instant
    let session = try builder.startSession(at: at)
    try builder.database.recordAttempt(
      QuizAttempt(
        scenarioID: "rule-one", choiceIndex: 1, choiceText: "Speak to staff.", isCorrect: true,
        isFirstTry: true, answeredAt: at),
      session: session)
    #expect(try builder.database.sqlite!.writerSynchronousSetting() == 1)
    // When they sign, the commit is FULL (2) again
    try builder.sign(
      parent: "Ann Able", children: [("Amy Able", "Year 1")], at: at, session: session)
    #expect(try builder.database.sqlite!.writerSynchronousSetting() == 2)
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
    try database.sqlite!.writer.write { db in
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
        fingerprint: KeyFingerprint.display(stranger.id), status: .notEnrolled,
        database: database.databaseOption)
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

@Suite("Writers in turn")
struct WriterQueueTests {
  /// Holds the writers' lock file as another Induction process would, until `release`.
  final class OtherWriter: Sendable {
    let descriptor: Int32
    init(_ databaseURL: URL) throws {
      let path = databaseURL.deletingLastPathComponent().appendingPathComponent("induction.lock")
        .path
      descriptor = open(path, O_RDWR | O_CREAT, 0o600)
      try #require(descriptor >= 0 && flock(descriptor, LOCK_EX) == 0)
    }
    func release() { close(descriptor) }
  }

  @Test func aSigningWaitsForTheWriterBeforeItAndGoesOnTheMomentItIsDone() throws {
    // Given another process in the middle of a write
    let (database, url) = try makeSignedLedger(count: 1)
    let other = try OtherWriter(url)
    // When a signing starts, and the other writer finishes 300 ms later
    let started = Date()
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { other.release() }
    let builder = try LedgerBuilder(database: database)
    try builder.sign(parent: "Next Parent", children: [], at: Fixtures.instant)
    // Then the signing waited for it, and went on straight after (no back-off sleeps)
    let waited = Date().timeIntervalSince(started)
    #expect(waited >= 0.29, "did not wait for the other writer (\(waited) s)")
    #expect(waited < 1.5, "waited \(waited) s after the other writer finished")
    #expect(try database.signedEntries().count == 2)
  }

  @Test func aWriterThatNeverFinishesGivesABusyErrorAfterTheTimeout() throws {
    let directory = Fixtures.temporaryDirectory("queue")
    let url = directory.appendingPathComponent("induction.sqlite")
    _ = try makeSignedLedger(count: 0, in: directory)
    let database = try AppDatabase.open(at: url, busyTimeout: 0.4)
    let other = try OtherWriter(url)
    defer { other.release() }
    let started = Date()
    #expect(throws: StoreError.busy(path: url.path)) {
      try LedgerBuilder(database: database).sign(parent: "P", children: [], at: Fixtures.instant)
    }
    #expect(Date().timeIntervalSince(started) >= 0.39)
    #expect(try database.signedEntries().isEmpty)
  }

  @Test func aSigningNeverCheckpointsTheLogAndTheCheckpointAfterwardsDoes() throws {
    // Given a file database whose writing connection never checkpoints by itself
    let (database, url) = try makeSignedLedger(count: 0)
    #expect(
      try database.sqlite!.writer.writeWithoutTransaction { db in
        try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint")
      } == 0)
    func size(_ path: String) throws -> Int {
      var info = stat()
      try #require(stat(path, &info) == 0)
      return Int(info.st_size)
    }
    database.checkpointWAL()
    let before = try size(url.path)
    // When 400 signings are appended and nothing else (well past the 1,000 log pages at which
    // SQLite would checkpoint inside a commit), the database file itself is never written:
    // everything is in the log (the session ids stand for sessions started earlier)
    let builder = try LedgerBuilder(database: database)
    for index in 0..<400 {
      try builder.sign(
        parent: "Parent \(index)", children: [], at: Fixtures.instant,
        session: Int64(100_000 + index))
    }
    #expect(try size(url.path + "-wal") > 1_000 * 4096)
    #expect(try size(url.path) == before)
    // And the checkpoint run after a receipt copies the log into the database
    database.checkpointWAL()
    #expect(try size(url.path) > before)
  }
}
