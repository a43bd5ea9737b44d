import Foundation
import TestSupport
import Testing

@Suite("Argument parsing errors never echo an argument raw", .hangGuard)
struct ArgumentEscapeTests {
  /// An OSC title sequence, BEL, a C1 CSI that clears the screen, and a right-to-left override.
  static let hostile = "\u{1B}]0;pwned\u{7}\u{9B}2J\u{202E}x"
  /// The same, as the sanitiser shows it.
  static let shown = "\\u{1B}]0;pwned\\u{7}\\u{9B}2J\\u{202E}x"

  @Test(arguments: [
    (["stats", "--" + hostile], "Error: Unknown option '--\(shown)'"),
    (
      ["export", "completion", "--format", hostile],
      "Error: The value '\(shown)' is invalid for '--format <format>'. Please provide one of 'csv' and 'xlsx'."
    ),
    (
      ["kiosk", "--station", "Reception", "--idle-timeout", hostile],
      "Error: The value '\(shown)' is invalid for '--idle-timeout <idle-timeout>'"
    ),
    (
      ["start", "--language", hostile],
      "Error: --language needs a language tag such as en, pl or cy"
    ),
    ([hostile], "induction: unknown command \"\(shown)\"; `induction --help` lists the commands"),
  ])
  func theArgumentIsShownEscaped(arguments: [String], firstLine: String) throws {
    let sandbox = try Sandbox()
    let result = try sandbox.induction(arguments, workingIn: try sandbox.emptyFolder("work"))
    #expect(result.status == 64)
    #expect(result.error.split(separator: "\n").first.map(String.init) == firstLine)
    #expect(!holdsRawControl(result.error), "\(result.error.debugDescription)")
    #expect(!result.error.unicodeScalars.contains("\u{202E}"), "\(result.error.debugDescription)")
    #expect(result.output == "")
  }
}
