import Foundation
import TestSupport
import Testing

/// Ctrl-C at the admin prompt, on a real terminal: it clears the line, as a shell does, and the
/// admin carries on.
@Suite("Admin: Ctrl-C on a terminal", .hangGuard)
struct AdminInterruptTests {
  @Test func ctrlCClearsTheLineAndTheAdminCarriesOn() throws {
    // Given the admin prompt on a terminal, with a half-typed line
    let sandbox = try Sandbox()
    let terminal = try sandbox.adminOnTerminal()
    defer { if !terminal.hasExited { terminal.kill(SIGKILL) } }
    try terminal.send("export completion --cl")
    _ = try terminal.waitFor("--cl")
    terminal.skipToEnd()

    // When Ctrl-C is pressed
    try terminal.sendInterrupt()

    // Then a new prompt is shown, the half-typed line was not run, and the session goes on
    _ = try terminal.waitFor("admin> ")
    try terminal.sendLine("verify")
    _ = try terminal.waitFor("ok: ")
    try terminal.sendLine("quit")
    #expect(try terminal.waitForExit(timeout: 10) == 0)
    #expect(!terminal.plainText.contains("wrote"))
  }
}
