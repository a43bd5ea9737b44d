import ArgumentParser
import Foundation
import InductionCore

/// Options every command takes.
public struct GlobalOptions: ParsableArguments {
  /// `--data-dir`.
  @Option(
    name: .customLong("data-dir"),
    help:
      "Where the database and signing key live (env INDUCTION_DATA_DIR; /var/lib/induction for the installed package's induction user)."
  )
  public var dataDirectory: String?

  /// `--database`.
  @Option(
    name: .customLong("database"),
    help: ArgumentHelp(
      "A shared PostgreSQL database for several PCs, as postgres://USER@HOST:PORT/DATABASE?sslmode=verify-full (env INDUCTION_DATABASE_URL). Without it, the SQLite file in the data folder.",
      valueName: "url"))
  public var database: String?

  /// `--scenarios`.
  @Option(
    name: .customLong("scenarios"),
    help:
      "The scenarios folder (env INDUCTION_SCENARIOS; default ./Scenarios, or /etc/induction/Scenarios for the installed package's induction user)."
  )
  public var scenarios: String?

  /// Creates empty options (ArgumentParser fills them in).
  public init() {}

  /// The process environment.
  public var environment: [String: String] { ProcessInfo.processInfo.environment }

  /// The data folder these options name.
  public var dataDirectoryValue: DataDirectory {
    DataDirectory.resolve(option: dataDirectory, environment: environment)
  }

  /// The scenarios folder as given (for messages).
  public var scenariosPath: String {
    if let scenarios, !scenarios.isEmpty { return scenarios }
    if let value = environment["INDUCTION_SCENARIOS"], !value.isEmpty { return value }
    if InstalledLayout.userName() == InstalledLayout.user { return InstalledLayout.scenarios }
    return "Scenarios"
  }
}
