import InductionCore

extension DatabaseURLError: CommandLineMessage {
  /// The sentence shown: the address's own, naming `--database` when it is not PostgreSQL's.
  public var commandLineMessage: String {
    switch self {
    case .notPostgres:
      "--database (or INDUCTION_DATABASE_URL) takes a PostgreSQL URL such as \(DatabaseURL.example); leave it out to use the SQLite file in the data folder"
    default:
      errorDescription ?? "something went wrong"
    }
  }
}
