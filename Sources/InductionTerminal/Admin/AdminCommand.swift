import ArgumentParser
import Foundation
import InductionCore

/// An admin command: parsed by ArgumentParser from the shell or from a line at the admin prompt,
/// and run in an ``AdminSession``. The executable opens the session; the admin prompt keeps one.
public protocol AdminCommand: ParsableCommand {
  /// The options every command takes (the data folder and scenarios folder to open).
  var options: GlobalOptions { get }
  /// How the command uses the store (most sign or may sign: ``StoreAccess/signing``).
  static var storeAccess: StoreAccess { get }
  /// Whether only a PC whose key the ledger trusts may run it: every command that changes records
  /// or reads personal details (a PC not yet enrolled may show its key, count and verify).
  static var needsEnrolledKey: Bool { get }
  /// Runs the command.
  func run(in session: AdminSession) throws
}

/// How an admin command opens the data folder.
public enum StoreAccess: Sendable {
  /// The database and this PC's key (made on first run), as a kiosk opens them.
  case signing
  /// The same, making this PC's key even when the ledger has entries (a new PC joining).
  case newKey
  /// Only an existing database: no key is needed or made (`verify` on a copy elsewhere).
  case existingDatabaseOnly
}

extension AdminCommand {
  /// Most commands open the store as a kiosk does.
  public static var storeAccess: StoreAccess { .signing }

  /// Those that open it so need an enrolled key.
  public static var needsEnrolledKey: Bool { storeAccess == .signing }

  /// Runs the command in `session`, after checking this PC may.
  public func runChecked(in session: AdminSession) throws {
    if Self.needsEnrolledKey { try session.requireEnrolledKey() }
    try run(in: session)
  }
}

/// A command that failed after saying why (problems listed, a plain sentence): exits 1.
public struct AdminFailure: LocalizedError, Equatable {
  /// The sentence, without the `induction:` prefix.
  public var message: String

  /// Creates a failure.
  public init(_ message: String) { self.message = message }

  /// The sentence shown.
  public var errorDescription: String? { message }
}

/// Every command the admin prompt offers (the parent and kiosk commands are not among them).
public enum AdminCommands {
  /// By the name typed.
  public static let all: [String: any ParsableCommand.Type] = [
    "export": ExportCommand.self, "roster": RosterCommand.self, "stats": StatsCommand.self,
    "verify": VerifyCommand.self, "revoke": RevokeCommand.self, "scenarios": ScenariosCommand.self,
    "checkpoint": CheckpointCommand.self, "erase": EraseCommand.self, "purge": PurgeCommand.self,
    "access": AccessCommand.self, "keys": KeysCommand.self, "invite": InviteCommand.self,
  ]

  /// Commands of the `induction` executable that the admin prompt does not run: they take over
  /// the terminal (`start`, `kiosk`, `serve`), the whole store (`staff`, `migrate`) or the whole
  /// PC (`setup`, `doctor`).
  public static let shellOnly: Set<String> = [
    "start", "kiosk", "serve", "staff", "migrate", "admin", "setup", "doctor", "grant",
  ]

  /// The words tab completion offers after a command name: subcommands, kinds, options.
  public static let words: [String] =
    ["help", "quit", "import", "unmatched", "link", "unlink", "lint", "show", "enrol", "retire"]
    + ExportKind.allCases.map(\.rawValue)
    + [
      "--out", "--format", "csv", "xlsx", "--since", "--until", "--class", "--force", "--reason",
      "--skip-invalid",
      "--against", "--dry-run", "--parent", "--reference", "--yes", "--name",
      "--url", "--family", "--days", "--withdraw", "--links", "--link-days",
    ]

  /// The one sentence for any error a command throws, as the shell and the admin prompt show it.
  public static func message(for error: Error) -> String {
    switch error {
    case let error as CommandLineMessage: error.commandLineMessage
    case let error as LocalizedError: error.errorDescription ?? "something went wrong"
    default: "something went wrong (\(type(of: error))); please try again or ask staff"
    }
  }
}

/// Parses the `AdminCommand` subcommands of a line typed at the prompt.
struct AdminPromptRoot: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "", subcommands: AdminCommands.all.keys.sorted().map { AdminCommands.all[$0]! })
}
