import InductionCore

extension RememberedDatabaseError: CommandLineMessage {
  /// The sentence shown, naming `induction setup --database URL` where it mends the folder.
  public var commandLineMessage: String {
    switch self {
    case .unreadable(let path):
      "cannot read \(path), which names the shared database this data folder was set up with, so no local ledger was opened; check who owns it, or run `induction setup --database URL` again"
    case .damaged(let path, let line):
      "\(path):\(line) is not `database = postgres://…` without a password, so no local ledger was opened; run `induction setup --database URL` to write it again"
    case .otherDatabase(let path, let remembered, let given):
      "this data folder is set up for the shared database \(remembered) (\(path)), not \(DatabaseURL.redacted(given)); leave out --database (and INDUCTION_DATABASE_URL), or run `induction setup --database URL` to move this PC to the other database"
    case .localLedger(let path, let remembered):
      "this data folder is set up for the shared database \(remembered) (\(path)), so induction will not open a local ledger in it: its records are in that database"
    }
  }
}
