import Foundation
import InductionCore

/// `induction doctor`: the PC's time zone is the school's, and its clock is not behind the ledger
/// (a Raspberry Pi without a clock battery starts in 1970 until the network sets it).
public enum ClockCheck {
  /// How far the last ledger entry may be ahead of the clock (another PC's clock) before it is a
  /// problem.
  static let tolerance: TimeInterval = 300

  /// The finding at `now` in `systemZone`, for a school in `schoolZone` (nil when the scenarios
  /// could not be read) whose last ledger entry was at `lastEntry`.
  public static func check(
    now: Date, systemZone: TimeZone, schoolZone: TimeZone?, lastEntry: Date?
  ) -> DoctorFinding {
    let shown = Timestamp.local(now, in: systemZone)
    if let lastEntry, lastEntry.timeIntervalSince(now) > tolerance {
      return .problem(
        "the clock reads \(shown), before the ledger's last entry (\(Timestamp.local(lastEntry, in: systemZone)))",
        fix: "set the clock from the network: sudo timedatectl set-ntp true")
    }
    if let schoolZone, !sameRules(systemZone, schoolZone, around: now) {
      return .problem(
        "this PC's time zone is \(systemZone.identifier), the school's (school.yaml) is \(schoolZone.identifier)",
        fix: "sudo timedatectl set-timezone \(schoolZone.identifier)")
    }
    return .ok("clock \(shown), time zone \(systemZone.identifier)")
  }

  /// Whether two zones keep the same time now and over the coming year (`GB` and `Europe/London`
  /// do; `UTC` and `Europe/London` do not once the clocks go forward).
  static func sameRules(_ one: TimeZone, _ other: TimeZone, around now: Date) -> Bool {
    if one.identifier == other.identifier { return true }
    return stride(from: 0, to: 366, by: 30).allSatisfy { day in
      let date = now.addingTimeInterval(Double(day) * 86_400)
      return one.secondsFromGMT(for: date) == other.secondsFromGMT(for: date)
    }
  }
}
