import Foundation
import TestSupport
import Testing

/// Tab at the admin prompt, on a real terminal: every word of a command line completes, not only
/// the first.
@Suite("Admin: tab completion on a terminal", .hangGuard)
struct AdminCompletionTests {
  @Test func subcommandsOptionsKindsFormatsAndClassesComplete() throws {
    // Given a roster with a Nursery class, and the admin prompt on a terminal
    let sandbox = try Sandbox()
    let roster = sandbox.root.appendingPathComponent("roster.csv")
    try Data("Parent Name,Child Name,Class\nAnn Able,Kit Able,Nursery\n".utf8).write(to: roster)
    #expect(try sandbox.induction(["roster", "import", roster.path]).status == 0)
    let terminal = try sandbox.adminOnTerminal()
    defer { if !terminal.hasExited { terminal.kill(SIGKILL) } }

    // When words after the first are completed with Tab
    try terminal.send("rost\tunm\t")
    _ = try terminal.waitFor("roster unmatched ")
    try terminal.send("\u{15}export ou\t--form\txl\t--cla\tNur\t")

    // Then each one completed in turn
    _ = try terminal.waitFor("export outstanding --format xlsx --class Nursery ")
    try terminal.sendLine("\u{15}quit")
    #expect(try terminal.waitForExit(timeout: 10) == 0)
  }
}
