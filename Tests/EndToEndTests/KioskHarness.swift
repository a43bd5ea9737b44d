import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

// Helpers for the kiosk end-to-end tests: setting the staff PIN, starting `induction kiosk` on a
// terminal or through pipes, typing a named visitor's details, and closing the kiosk with the PIN.

/// The staff PIN the kiosk tests set.
let kioskPin = "482915"

/// What `Console.clearScreen()` writes on a terminal: home, clear the screen, clear the scrollback.
let screenAndScrollbackClear = "\u{1B}[H\u{1B}[2J\u{1B}[3J"

/// Keys as a terminal sends them.
enum Key {
  static let interrupt = "\u{03}"  // Ctrl-C
  static let endOfFile = "\u{04}"  // Ctrl-D
  static let eraseLine = "\u{15}"  // Ctrl-U: readline's unix-line-discard, into the kill ring
  static let yank = "\u{19}"  // Ctrl-Y: readline's yank, from the kill ring
  static let abort = "\u{07}"  // Ctrl-G: readline's "abort", leaves incremental search
  static let reverseSearch = "\u{12}"  // Ctrl-R
  static let suspend = "\u{1A}"  // Ctrl-Z
  static let quit = "\u{1C}"  // Ctrl-\
  static let upArrow = "\u{1B}[A"
}

/// A parent at the kiosk, with the answers they type on the details screen.
struct Visitor {
  var name: String
  /// 1 parent, 2 carer, 3 guardian.
  var relationshipNumber: Int
  var relationship: String
  var child: String
  var className: String

  static let ann = Visitor(
    name: "Ann Able", relationshipNumber: 2, relationship: "carer", child: "Amy Able",
    className: "Year 1")
  static let ben = Visitor(
    name: "Ben Baker", relationshipNumber: 1, relationship: "parent", child: "Bea Baker",
    className: "Year 2")
}

extension Sandbox {
  /// `induction staff set-pin`, the PIN typed twice on a pipe.
  func setStaffPin(_ pin: String = kioskPin) throws {
    let program = try PipedProgram(
      executable: executable.path,
      arguments: ["staff", "set-pin", "--data-dir", dataDirectory.path],
      environment: environment)
    try program.send("\(pin)\n\(pin)\n")
    program.closeInput()
    let status = try program.waitForExit(timeout: 60)
    guard status == 0 else {
      throw BuiltBinaryError(
        "staff set-pin failed (\(status)): \(program.output) \(program.errorOutput)")
    }
  }

  /// `kiosk --station STATION --data-dir … --scenarios …` with the optional idle timeout and seed.
  /// (Also used by the Fault*Tests suites: keep the signature.)
  func kioskArguments(station: String, idleTimeout: Int? = nil, seed: UInt64? = nil) -> [String] {
    var arguments = [
      "kiosk", "--station", station, "--data-dir", dataDirectory.path, "--scenarios",
      BuiltBinary.scenariosDirectory.path,
    ]
    if let idleTimeout { arguments += ["--idle-timeout", String(idleTimeout)] }
    if let seed { arguments += ["--seed", String(seed)] }
    return arguments
  }

  /// `induction kiosk` on a 100 × 40 pseudo-terminal.
  func kioskOnTerminal(station: String = "Reception", idleTimeout: Int? = nil, seed: UInt64? = nil)
    throws -> PseudoTerminal
  {
    try PseudoTerminal(
      executable: executable.path,
      arguments: kioskArguments(station: station, idleTimeout: idleTimeout, seed: seed),
      environment: environment, columns: 100, rows: 40)
  }

  /// The outcomes in table `session`, oldest first.
  func sessionOutcomes() throws -> [String] {
    try query("SELECT outcome FROM session ORDER BY id;")
  }
}

extension InductionDriver {
  /// Types `pin` at a `Staff PIN: ` prompt already waited for.
  func typePin(_ pin: String) throws {
    try program.sendLine(pin)
  }

  /// Types `visitor`'s details at a `Your full name: ` prompt already waited for, checks the
  /// "Please check these details" screen, and confirms.
  func enterDetailsAfterNamePrompt(as visitor: Visitor) throws {
    try program.sendLine(visitor.name)
    try program.waitFor("Type a number (1-4): ", timeout: stepTimeout)
    try program.sendLine(String(visitor.relationshipNumber))
    try program.waitFor("Child 1, full name: ", timeout: stepTimeout)
    try program.sendLine(visitor.child)
    try program.waitFor("Child 1, class (number or name): ", timeout: stepTimeout)
    try program.sendLine(visitor.className)
    try program.waitFor(
      "Do you have another child at the school to add? (yes/no): ", timeout: stepTimeout)
    try program.sendLine("no")
    let check = try program.waitFor("Is this right? (yes/no): ", timeout: stepTimeout)
    #expect(
      checkedDetails(in: check) == [
        "  You: \(visitor.name) (\(visitor.relationship))",
        "  Child: \(visitor.child), \(visitor.className)",
      ], "details screen:\n\(check)")
    try program.sendLine("yes")
  }

  /// Signs as `visitor`, reads the reference from the receipt and presses Enter at the kiosk's
  /// "noted your reference" prompt. Returns the reference as shown (with its hyphen).
  func signAndLeave(as visitor: Visitor) throws -> String {
    let reference = try signAndReadReference(name: visitor.name)
    try program.waitFor("Press Enter when you have noted your reference: ", timeout: stepTimeout)
    try program.sendLine("")
    return reference
  }

  /// A whole kiosk session for `visitor`, from the welcome prompt to leaving the receipt.
  func completeKioskSession(as visitor: Visitor) throws -> String {
    try readWelcomeAndGuidance()
    try passQuiz()
    try program.waitFor("Your full name: ", timeout: stepTimeout)
    try enterDetailsAfterNamePrompt(as: visitor)
    return try signAndLeave(as: visitor)
  }

  /// At the welcome prompt (already waited for): the staff word, the PIN, then 2 (close). Waits for
  /// the goodbye and returns the exit status.
  func closeKiosk(pin: String = kioskPin) throws -> Int32 {
    try program.sendLine(":staff")
    try program.waitFor("Staff PIN: ", timeout: stepTimeout)
    try typePin(pin)
    // Checking the PIN runs scrypt (about a second; more on a busy machine).
    try program.waitFor("Type 1 or 2: ", timeout: 3 * stepTimeout)
    try program.sendLine("2")
    try program.waitFor("The kiosk is closed.", timeout: stepTimeout)
    return try program.waitForExit(timeout: stepTimeout)
  }
}
