import Foundation

/// One thing `induction doctor` looked at: ok, or a problem with what to run to fix it.
public struct DoctorFinding: Equatable, Sendable {
  /// What was found: `data folder /var/lib/induction (owner induction, mode 0700)`.
  public var text: String
  /// What to run or do to fix it; nil when all is well.
  public var fix: String?

  /// All is well: `text` says what was checked.
  public static func ok(_ text: String) -> DoctorFinding { DoctorFinding(text: text, fix: nil) }

  /// A problem: `text` says what is wrong, `fix` what to run.
  public static func problem(_ text: String, fix: String) -> DoctorFinding {
    DoctorFinding(text: text, fix: fix)
  }

  /// Whether this is a problem.
  public var isProblem: Bool { fix != nil }

  /// The line shown: `ok: …` or `problem: …; to fix: …`, made safe for the terminal (paths and
  /// scenario text came from outside the program).
  public var line: TerminalText {
    if let fix { return "problem: \(text); to fix: \(fix)" }
    return "ok: \(text)"
  }
}

/// The mode bits of a file as `0700`.
func octalMode(_ mode: mode_t) -> String {
  let digits = String(mode & 0o7777, radix: 8)
  return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

/// The name of user `uid`, or the number when the system does not know it.
func userName(_ uid: uid_t) -> String {
  guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return String(uid) }
  return String(cString: name)
}
