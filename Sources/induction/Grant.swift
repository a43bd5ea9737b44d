import ArgumentParser
import Foundation
import InductionCore
import InductionTerminal

extension Induction {
  /// `induction grant ROLE --database OWNER-URL`: as the owner of the shared database's tables,
  /// bring them up to date and give the role every PC uses day to day just the rights it needs.
  struct Grant: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "grant",
      abstract:
        "Give the role every PC uses on the shared database just the rights it needs (run as the tables' owner).",
      discussion: """
        Connects with the --database given (the owner's address, never remembered by this data \
        folder), brings the tables up to date for this version, and gives ROLE read and write on \
        Induction's tables, add-only on the ledger, and nothing that changes the schema: no \
        TRUNCATE, TRIGGER or CREATE. Run it once when setting up the database and again after \
        each upgrade of induction. See the README, "Two roles on PostgreSQL".
        """)

    @Argument(help: "The role every PC connects as, for example induction_pc.")
    var role: String

    @OptionGroup var options: GlobalOptions

    func validate() throws {
      guard options.givenDatabaseURL != nil else {
        throw ValidationError(
          "grant needs the owner's address of the shared database: induction grant \(role) --database \(DatabaseURL.example)"
        )
      }
    }

    func run() throws {
      try Failure.report {
        let database = try GlobalOptions.openShared(
          options.givenDatabaseURL!, environment: options.environment)
        let granted: RoleGrant
        do {
          granted = try database.grantDayToDayRights(to: role)
        } catch let refusal as RoleGrantRefusal {
          throw AdminFailure(Self.message(refusal, database: database.path))
        }
        let console = CompositionRoot.makeConsole()
        console.line(
          "ok: \(role) may read and write \(granted.readWriteTables) tables of \(database.path) and add to its ledger, but not change or empty the ledger, add triggers or create anything; \(granted.owner) keeps the schema"
        )
        console.line(
          "Every PC connects as \(role): induction setup --database postgres://\(role)@HOST/DATABASE"
        )
      }
    }

    /// The sentence for a refusal.
    static func message(_ refusal: RoleGrantRefusal, database: String) -> String {
      switch refusal {
      case .notShared:
        "roles belong to a shared PostgreSQL database; give its owner's address with --database"
      case .noSuchRole(let role):
        "there is no role \(role) on the server of \(database); create it first (CREATE ROLE \(role) LOGIN, as in the README) and run this again"
      case .notOwner(let connected, let owner):
        "\(connected) does not own the tables of \(database), so nothing was granted; connect as their owner, \(owner)"
      case .tooPowerful(let role, let reason):
        "\(role) \(reason), so it could add triggers to the tables whatever it is granted; nothing was granted; make a plain role for the PCs (CREATE ROLE induction_pc LOGIN)"
      case .mayCreate(let role, let place):
        "\(role) may create tables and functions in \(place) of \(database), so nothing was granted; have a superuser take that away (REVOKE CREATE ON SCHEMA public FROM PUBLIC, or REVOKE CREATE ON DATABASE … FROM \(role)) and run this again"
      }
    }
  }
}
