import Foundation
import InductionCore
import InductionTerminal
import TestSupport
import Testing

@Suite("Doctor: the signing key")
struct SigningKeyCheckTests {
  @Test func anEnrolledPrivateKeyIsOK() throws {
    // Given a data folder whose key the ledger's genesis names
    let folder = Fixtures.temporaryDirectory("doctor")
    let builder = try LedgerBuilder.dataDirectory(folder)
    // When it is checked
    let finding = SigningKeyCheck.check(DataDirectory(url: folder), database: builder.database)
    // Then it is ok, with the fingerprint
    let fingerprint = KeyFingerprint.display(builder.key.id)
    #expect(
      finding == .ok("signing key \(fingerprint) is private (mode 0600) and enrolled in the ledger")
    )
  }

  @Test func aMissingKeyOnAnEmptyLedgerSaysWhatMakesIt() throws {
    // Given an empty data folder and an empty ledger
    let folder = Fixtures.temporaryDirectory("doctor")
    let database = try AppDatabase.inMemory()
    // When it is checked
    let finding = SigningKeyCheck.check(DataDirectory(url: folder), database: database)
    // Then the fix makes one
    #expect(
      finding
        == .problem(
          "no signing key at \(folder.path)/signing-key",
          fix: "induction staff set-pin (it makes this PC's key)"))
  }

  @Test func aMissingKeyOnALedgerWithEntriesMustBeRestored() throws {
    // Given a ledger with entries, and a data folder without the key that signed them
    let builder = try LedgerBuilder.inMemory()
    let folder = Fixtures.temporaryDirectory("doctor")
    // When it is checked
    let finding = SigningKeyCheck.check(DataDirectory(url: folder), database: builder.database)
    // Then the fix is the backup, not a new key
    #expect(
      finding
        == .problem(
          "no signing key at \(folder.path)/signing-key",
          fix:
            "restore signing-key from the backup of the data folder (the ledger already has entries)"
        ))
  }

  @Test func aKeyOthersCanReadIsAProblemSayingTheChmod() throws {
    // Given the key file with mode 0644
    let folder = Fixtures.temporaryDirectory("doctor")
    let builder = try LedgerBuilder.dataDirectory(folder)
    let path = folder.appendingPathComponent("signing-key").path
    chmod(path, 0o644)
    // When it is checked
    let finding = SigningKeyCheck.check(DataDirectory(url: folder), database: builder.database)
    // Then it is a problem whose fix is the chmod
    #expect(finding.text == "signing key \(path) cannot be used")
    #expect(finding.fix?.hasSuffix("make it private with: chmod 600 \(path)") == true)
  }

  @Test func aKeyTheLedgerDoesNotTrustIsAProblemSayingHowToEnrolIt() throws {
    // Given a ledger begun by another PC's key, and this folder's own key
    let builder = try LedgerBuilder.inMemory()
    let folder = Fixtures.temporaryDirectory("doctor")
    let key = try SigningKey.loadOrCreate(
      at: folder.appendingPathComponent("signing-key"), create: true)
    // When it is checked
    let finding = SigningKeyCheck.check(DataDirectory(url: folder), database: builder.database)
    // Then the fix is the enrolment from a trusted PC
    let fingerprint = KeyFingerprint.display(key.id)
    #expect(
      finding
        == .problem(
          "signing key \(fingerprint) is not enrolled, so this PC cannot sign",
          fix: "on a PC the ledger trusts, run: induction keys enrol \(fingerprint) --name NAME"))
  }
}
