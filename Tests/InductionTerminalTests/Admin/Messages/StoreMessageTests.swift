import Foundation
import InductionCore
import Testing

@testable import InductionTerminal

/// The store's errors name no option or command (a parent may read them); the command line says
/// them with the options and commands that mend them.
@Suite("Store errors as the command line says them")
struct StoreMessageTests {
  static let withOptions: [(any Error & Sendable, String)] = [
    (
      StoreError.dataDirectoryUnusable(path: "/srv/induction"),
      "cannot use the data folder /srv/induction; check it is a folder this user may write to, or choose another with --data-dir"
    ),
    (
      StoreError.networkFileSystem(path: "/mnt/office/induction", kind: "cifs"),
      "the data folder /mnt/office/induction is on a network drive (cifs), where the database cannot keep signed records safe; keep the data folder on this PC's own disk with --data-dir, or let several PCs share one PostgreSQL database with --database (or set INDUCTION_ALLOW_NETWORK_FS=1 if you know the drive is safe)"
    ),
    (
      RememberedDatabaseError.damaged(path: "/d/database.conf", line: 3),
      "/d/database.conf:3 is not `database = postgres://…` without a password, so no local ledger was opened; run `induction setup --database URL` to write it again"
    ),
    (
      DatabaseURLError.notPostgres,
      "--database (or INDUCTION_DATABASE_URL) takes a PostgreSQL URL such as postgres://induction@db.school.lan:5432/induction?sslmode=verify-full; leave it out to use the SQLite file in the data folder"
    ),
    (
      StoreError.notPermitted(location: "db.school.lan/induction", role: "induction_app"),
      "the role induction_app may not do what induction needs in db.school.lan/induction (nothing was saved); the database's owner must bring its tables up to date for this version and give induction_app its rights: have them run induction grant induction_app with the owner's --database"
    ),
  ]

  @Test func theCommandLineNamesTheOptionsAndCommands() {
    for (error, expected) in Self.withOptions {
      #expect(AdminCommands.message(for: error) == expected)
    }
  }

  @Test func theStoreItselfNamesNone() {
    for (error, _) in Self.withOptions {
      guard let error = error as? any LocalizedError else { continue }
      let sentence = error.errorDescription ?? ""
      #expect(
        !sentence.contains("--") && !sentence.contains("`") && !sentence.contains("run induction"),
        "\(sentence)")
    }
  }

  @Test func keyRosterLinkAndRevocationErrorsNameTheirOptions() {
    #expect(
      AdminCommands.message(for: KeyError.lastTrustedKey("ABCD 1234 ABCD 1234"))
        == "the key ABCD 1234 ABCD 1234 is the only trusted key; enrol another key before retiring it"
    )
    #expect(
      AdminCommands.message(for: KeyError.missingName)
        == "give a name with --name, such as \"Reception 2\"; it is recorded in the ledger")
    #expect(
      AdminCommands.message(for: KeyError.missingReason)
        == "give a reason with --reason; it is recorded in the ledger")
    #expect(
      AdminCommands.message(for: RosterLinkError.ambiguousChild(classes: ["Nursery", "Year 2"]))
        == "more than one child of that name is on the roster (classes: Nursery, Year 2); add --class"
    )
    #expect(
      AdminCommands.message(for: RevocationError.badReason)
        == "give a short reason with --reason (1 to 200 characters, without anyone's name)")
  }

  @Test func errorsWithoutAnOptionAreSaidAsTheStoreSaysThem() {
    let error = StoreError.busy(path: "/srv/induction/induction.sqlite")
    #expect(AdminCommands.message(for: error) == error.errorDescription)
  }
}
