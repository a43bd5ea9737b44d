import Foundation
import TestSupport
import Testing

/// Staff reach the menu with the PIN however quickly they type it, and the PIN is never shown.
@Suite("Kiosk: typing the staff PIN", .hangGuard)
struct KioskStaffPinTests {
  /// Staff who do this every day type `:staff`, Enter, the PIN and Enter without waiting for the
  /// prompt: nothing typed ahead may be lost or shown.
  @Test func aPinTypedAheadOfItsPromptIsTakenAndNotShown() throws {
    let sandbox = try Sandbox()
    try sandbox.setStaffPin()
    let terminal = try sandbox.kioskOnTerminal(station: "Reception")
    try terminal.waitFor("Press Enter to begin: ", timeout: stepTimeout)
    try terminal.send(":staff\r\(kioskPin)\r")
    try terminal.waitFor("Staff PIN: ", timeout: stepTimeout)
    // Checking the PIN runs scrypt (about a second; more on a busy machine).
    try terminal.waitFor("Type 1 or 2: ", timeout: 3 * stepTimeout)
    try terminal.sendLine("2")
    try terminal.waitFor("The kiosk is closed.", timeout: stepTimeout)
    #expect(try terminal.waitForExit(timeout: stepTimeout) == 0)
    #expect(!terminal.output.contains(kioskPin), "the PIN was shown")
  }
}
