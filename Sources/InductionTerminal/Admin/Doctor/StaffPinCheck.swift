import Foundation
import InductionCore

/// `induction doctor`: the staff PIN that closes the kiosk is set.
public enum StaffPinCheck {
  /// The finding for `database`.
  public static func check(_ database: AppDatabase) -> DoctorFinding {
    do {
      guard try database.staffPin() != nil else {
        return .problem(
          "no staff PIN is set, so nobody can close the kiosk", fix: "induction staff set-pin")
      }
      return .ok("staff PIN is set")
    } catch {
      return .problem("the staff PIN could not be read", fix: AdminCommands.message(for: error))
    }
  }
}
