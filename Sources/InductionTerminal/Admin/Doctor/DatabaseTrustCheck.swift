import Foundation
import InductionCore

/// `induction doctor`: nothing in the database that Induction did not create, and (on a shared
/// database) a connection that cannot add any: what is shown to a parent or an auditor must not
/// be changed or copied around the signatures.
public enum DatabaseTrustCheck {
  /// The findings for `database`: one for objects Induction did not create, and on PostgreSQL
  /// one for the rights of the role this PC connects as.
  public static func check(_ database: AppDatabase) -> [DoctorFinding] {
    var findings: [DoctorFinding] = []
    do {
      let foreign = try database.foreignObjects()
      findings.append(
        foreign.isEmpty
          ? .ok("the database holds nothing induction did not create")
          : .problem(
            "the database holds what induction did not create (\(foreign.joined(separator: ", ")))",
            fix: "find out who added it and remove it, then run induction verify"))
      if let role = try database.connectedRoleMayChangeSchema() {
        findings.append(
          .problem(
            "this PC connects as \(role), which may add triggers to induction's tables",
            fix:
              "have the owner run induction grant ROLE for a day-to-day role and set up this PC with it (README: Two roles on PostgreSQL)"
          ))
      } else if database.dialect == .postgres {
        findings.append(.ok("this PC's database role cannot change the tables' design"))
      }
    } catch {
      findings.append(
        .problem(
          "the database's design could not be read", fix: AdminCommands.message(for: error)))
    }
    return findings
  }
}
