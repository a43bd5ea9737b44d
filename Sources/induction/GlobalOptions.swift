import ArgumentParser
import Foundation
import InductionCore

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
  @Option(
    name: .customLong("data-dir"),
    help: "Where the database and signing key live (env INDUCTION_DATA_DIR).")
  var dataDirectory: String?

  @Option(
    name: .customLong("scenarios"),
    help: "The scenarios folder (env INDUCTION_SCENARIOS; default ./Scenarios).")
  var scenarios: String?

  var environment: [String: String] { ProcessInfo.processInfo.environment }

  var dataDirectoryValue: DataDirectory {
    DataDirectory.resolve(option: dataDirectory, environment: environment)
  }

  /// The scenarios folder as given (for messages) and as a URL.
  var scenariosPath: String {
    if let scenarios, !scenarios.isEmpty { return scenarios }
    if let value = environment["INDUCTION_SCENARIOS"], !value.isEmpty { return value }
    return "Scenarios"
  }
}
