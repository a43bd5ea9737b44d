import InductionCore

extension StoreError: CommandLineMessage {
  /// The sentence shown: the store's own, with the option or command to use where there is one.
  public var commandLineMessage: String {
    switch self {
    case .dataDirectoryUnusable(let path):
      "cannot use the data folder \(path); check it is a folder this user may write to, or choose another with --data-dir"
    case .networkFileSystem(let path, let kind):
      "the data folder \(path) is on a network drive (\(kind)), where the database cannot keep signed records safe; keep the data folder on this PC's own disk with --data-dir, or let several PCs share one PostgreSQL database with --database (or set INDUCTION_ALLOW_NETWORK_FS=1 if you know the drive is safe)"
    case .keyNotTrusted(let fingerprint, .retired, let database):
      "this PC's signing key \(fingerprint) was retired, so it may not sign; make a new key on this PC and enrol it from a PC already in use (`induction keys enrol FINGERPRINT --name NAME\(database)`)"
    case .keyNotTrusted(let fingerprint, _, let database):
      "this PC's signing key \(fingerprint) is not enrolled in the ledger, so it may not sign yet; on a PC already in use, compare the fingerprint and run `induction keys enrol \(fingerprint.replacingOccurrences(of: " ", with: "")) --name NAME\(database)`"
    case .notPermitted(let location, let role):
      "the role \(role) may not do what induction needs in \(location) (nothing was saved); the database's owner must bring its tables up to date for this version and give \(role) its rights: have them run induction grant \(role) with the owner's --database"
    default:
      errorDescription ?? "something went wrong"
    }
  }
}
