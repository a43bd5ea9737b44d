import ArgumentParser
import Foundation
import InductionCore

/// `induction doctor`: checks this PC as support staff would, printing each check as ok or what to
/// run to fix it; exit 1 on any problem. It opens what exists and makes nothing.
public struct DoctorCommand: ParsableCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "doctor",
    abstract:
      "Check this PC's set-up (data folder, signing key, scenarios, database, staff PIN, disk space, clock): ok, or what to run to fix it."
  )

  /// The data folder, scenarios folder and database to check.
  @OptionGroup public var options: GlobalOptions

  /// ArgumentParser's initialiser.
  public init() {}

  /// Every finding, in the order shown.
  public func findings(now: Date, systemZone: TimeZone) -> [DoctorFinding] {
    let directory = options.dataDirectoryValue
    var findings = DataFolderCheck.check(directory)
    let (scenarios, school) = ScenariosCheck.check(options.scenariosPath)
    // The database given or remembered, opened without remembering anything: the doctor makes
    // nothing.
    let opened: AppDatabase?
    do {
      let url = try options.databaseURL()
      let environment = options.environment
      let database: DoctorFinding
      (database, opened) = DatabaseCheck.check(directory, sharedURL: url) {
        guard let url else { return try GlobalOptions.openLocal(directory, environment) }
        return try GlobalOptions.openShared(url, environment: environment)
      }
      findings.append(database)
    } catch {
      findings.append(
        .problem("the database could not be chosen", fix: AdminCommands.message(for: error)))
      opened = nil
    }
    findings.append(SigningKeyCheck.check(directory, database: opened))
    if let opened {
      findings.append(contentsOf: DatabaseTrustCheck.check(opened))
      findings.append(StaffPinCheck.check(opened))
    }
    findings.append(scenarios)
    findings.append(DiskSpaceCheck.check(directory.url.path))
    let last = (try? opened?.lastLedgerEntry())?.flatMap { $0.recordedAt }
    findings.append(
      ClockCheck.check(
        now: now, systemZone: systemZone, schoolZone: school?.timeZone, lastEntry: last))
    return findings
  }

  /// Prints every finding to `output`; throws (exit 1) when any is a problem.
  public func diagnose(output: Console, now: Date, systemZone: TimeZone = .current) throws {
    let findings = findings(now: now, systemZone: systemZone)
    for finding in findings { output.line(finding.line) }
    let problems = findings.filter(\.isProblem).count
    guard problems == 0 else {
      throw AdminFailure(
        "\(AdminSession.count(problems, "problem")) found; fix them and run induction doctor again")
    }
  }
}
