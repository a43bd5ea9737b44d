import Foundation
import InductionCore
import TestSupport
import Testing

/// `induction grant`, through the built binary: the owner of a shared database gives the PCs' role
/// its rights, and a PC set up with that role runs a whole induction.
@Suite("Two roles on PostgreSQL, from the shell", .enabled(if: PostgresTestServer.shouldRun))
struct GrantTests {
  @Test func theOwnerGrantsAndAPCOnTheDayToDayRoleSignsAnInduction() throws {
    // Given a database owned by one role, and a plain role for the PCs
    let (owner, pc) = try PostgresTestServer.ownedDatabase()
    let sandbox = try Sandbox()
    sandbox.databaseURL = nil

    // When a PC tries the database before its owner has set it up, it is told who must act
    let early = try sandbox.induction(["setup", "--database", PostgresTestServer.url(of: pc)])
    #expect(early.status == 1)
    #expect(
      collapse(early.error).contains(
        "the role \(pc.user) may not do what induction needs"),
      "\(early.error)")
    #expect(collapse(early.error).contains("induction grant \(pc.user)"), "\(early.error)")

    // When the owner grants the PCs' role (from this PC, whose folder must not remember it)
    let granted = try sandbox.induction(
      ["grant", pc.user, "--database", PostgresTestServer.url(of: owner)])
    #expect(granted.status == 0, "\(granted.error)")
    #expect(
      collapse(granted.output).contains(
        "ok: \(pc.user) may read and write"), "\(granted.output)")
    #expect(
      !FileManager.default.fileExists(
        atPath: sandbox.dataDirectory.appendingPathComponent("database.conf").path))
    // And a superuser is refused as the PCs' role
    let superuser = try sandbox.induction(
      ["grant", "postgres", "--database", PostgresTestServer.url(of: owner)])
    #expect(superuser.status == 1)
    #expect(collapse(superuser.error).contains("postgres is a superuser"), "\(superuser.error)")

    // Then the PC set up with the day-to-day role runs a whole induction into the shared ledger
    let setUp = try sandbox.induction(["setup", "--database", PostgresTestServer.url(of: pc)])
    #expect(setUp.status == 0, "\(setUp.error)")
    let program = try sandbox.startPiped(seed: 43)
    _ = try InductionDriver(program: program, key: try AnswerKey()).completeInduction()
    #expect(try program.waitForExit(timeout: stepTimeout) == 0)
    #expect(
      try PostgresTestServer.psql(
        owner, "SELECT count(*) FROM ledger WHERE kind = 'acknowledgement'"
      )
      .trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    // And verify from that PC is ok
    let verify = try sandbox.induction(["verify"])
    #expect(verify.status == 0, "\(verify.error)")
  }
}
