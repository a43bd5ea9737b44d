import ArgumentParser
import Foundation
import InductionCore
import InductionTerminal

extension Induction {
  /// `induction staff …`: staff settings.
  struct Staff: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "staff",
      abstract: "Staff settings.", subcommands: [SetPin.self])
  }
}

extension Induction.Staff {
  /// `induction staff set-pin`: asks the PIN twice without echo; never takes it from argv or the environment.
  struct SetPin: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "set-pin",
      abstract: "Set the staff PIN that closes a kiosk (asked twice, never shown).")

    @OptionGroup var options: GlobalOptions

    @Flag(
      help:
        "Set a new PIN without the old one (a forgotten PIN). Only the data folder's owner may; it is written to the staff log."
    )
    var reset = false

    func run() throws {
      try Failure.report {
        TerminalLocale.adopt()
        let (database, key, directory) = try CompositionRoot.openStore(options)
        // On a shared database, owning a data folder proves nothing (anyone can make one): only a
        // PC the ledger trusts may reset the kiosks' PIN.
        let trusted = try database.keyTrust().status(of: key.publicKey) == .trusted
        if reset && database.dialect == .postgres && !trusted {
          throw AdminFailure(
            "on a shared database only a PC whose key is enrolled may reset the staff PIN; run this on such a PC, or enrol this one first (induction keys show)"
          )
        }
        let name = try database.keyListings().first { $0.id == key.id }?.name ?? ""
        Signals.install()
        let console = CompositionRoot.makeConsole()
        var info = stat()
        let owns = stat(directory.url.path, &info) == 0 && info.st_uid == geteuid()
        try StaffPinFlow(
          database: database, reader: CompositionRoot.makeStaffReader(console: console),
          console: console, clock: .system, reset: reset, ownsDataFolder: owns,
          dataFolder: directory.url.path,
          station: name.isEmpty
            ? StaffPinFlow.station : "\(StaffPinFlow.station) on \(NameNormalisation.tidy(name))"
        ).run()
      }
    }
  }
}
