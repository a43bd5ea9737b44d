import Foundation
import InductionCore
import TestSupport
import Testing

/// Another program holds the database's write lock for longer than the busy timeout (10 s) just as a
/// parent signs: the program says plainly it could not save and to ask staff, claims nothing signed,
/// keeps what was typed, and signs with exactly those details once the lock is gone.
@Suite(
  "Fault suite: the database locked by another program while signing", .hangGuard)
struct FaultLockTests {
  @Test
  func
    aLockHeldLongerThanTheBusyTimeoutGivesAPlainMessageAndEnterAfterItsReleaseSignsWithTheTypedDetails()
    throws
  {
    let script = try SigningScript.learned()
    let sqlite3 = try #require(
      BuiltBinary.tool("sqlite3"), "the sqlite3 command-line tool is needed")
    let sandbox = try Sandbox()
    let name = "Aoife Ní Bhriain"
    let child = "Órla Ní Bhriain"

    // Given a parent at the last step: details typed, signature typed, asked to confirm
    let program = try sandbox.startPiped(seed: scriptSeed)
    try program.send(SigningScript.text(script.untilConfirmation(name: name, child: child)))
    try program.waitFor(
      "Type yes to sign and save, or no to change your details: ", timeout: stepTimeout)

    // And another program holding the write lock (sqlite3 in an open IMMEDIATE transaction)
    let locker = try PipedProgram(
      executable: sqlite3.path, arguments: ["-batch", sandbox.databasePath],
      environment: sandbox.environment)
    try locker.send("BEGIN IMMEDIATE;\nSELECT 'locked';\n")
    try locker.waitFor("locked", timeout: stepTimeout)
    let locked = Date()

    // When the parent types yes
    try program.sendLine("yes")

    // Then after the busy timeout the program says it could not save, and asks to try again
    let screen = try program.waitFor(
      "Press Enter to try again: ", timeout: SQLiteEngine.busyTimeout + 15)
    let waited = Date().timeIntervalSince(locked)
    #expect(
      waited >= SQLiteEngine.busyTimeout - 0.5, "gave up after \(waited) s, before the busy timeout"
    )
    #expect(
      collapse(screen).contains(
        "Sorry, your acknowledgement could not be saved, so it is not signed yet. Please ask a member of staff."
      ),
      "screen:\n\(screen)")
    #expect(
      screen.contains(sandbox.databasePath), "the reason does not name the database:\n\(screen)")
    // And it claims nothing while the lock is held (a second more, still locked)
    Thread.sleep(forTimeInterval: 1)
    _ = try? program.waitFor("\u{1}never printed\u{1}", timeout: 0.5)
    for claim in ["Your reference", "signed and saved", "Thank you"] {
      #expect(
        !program.plainText.contains(claim), "\"\(claim)\" shown while the database was locked")
    }
    #expect(!program.hasExited, "the program ended instead of waiting for staff")
    #expect(try sandbox.count(signedEntries) == 0)
    #expect(try sandbox.count("personal_details") == 0)

    // When the other program lets go (about 12 s after taking the lock) and Enter is pressed
    try locker.send("COMMIT;\n")
    locker.closeInput()
    #expect(try locker.waitForExit(timeout: stepTimeout) == 0)
    try program.sendLine("")

    // Then the acknowledgement is signed, once, with the details typed before the failure
    let receipt = try program.waitFor("Your reference: ", timeout: stepTimeout)
    #expect(receipt.contains("Your acknowledgement is signed and saved."))
    try program.waitFor("\n", timeout: stepTimeout)
    #expect(try program.waitForExit(timeout: stepTimeout) == 0)
    let references = shownReferences(in: program.plainText)
    #expect(references.count == 1)
    #expect(try sandbox.storedReferences() == references)
    #expect(
      try sandbox.query("SELECT parent_name, relationship, signature_text FROM personal_details;")
        == [
          "\(name)|parent|\(name)"
        ])
    #expect(
      try sandbox.query("SELECT name, class_name FROM acknowledged_child;") == [
        "\(child)|\(Parent.className)"
      ])
    #expect(try sandbox.query("SELECT outcome FROM session;") == ["signed"])
    try sandbox.expectLedgerWhole(entries: 1)
  }
}
