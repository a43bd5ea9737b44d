import InductionCore

extension KeyError: CommandLineMessage {
  /// The sentence shown.
  public var commandLineMessage: String {
    switch self {
    case .malformed(let typed):
      "\(typed) is not a key fingerprint (16 hex digits, as `induction keys show` prints it) or a public key"
    case .unknownFingerprint(let fingerprint, let database):
      "no key with fingerprint \(fingerprint) has opened this database; run `induction keys show\(database)` on the new PC first, or give its public key instead"
    case .alreadyEnrolled(let fingerprint):
      "the key \(fingerprint) is enrolled already; nothing was changed"
    case .retired(let fingerprint):
      "the key \(fingerprint) was retired and cannot be enrolled again; make a new key on that PC and enrol that one"
    case .notEnrolled(let fingerprint):
      "the key \(fingerprint) is not enrolled, so there is nothing to retire"
    case .lastTrustedKey(let fingerprint):
      "the key \(fingerprint) is the only trusted key; enrol another key before retiring it"
    case .missingName:
      "give a name with --name, such as \"Reception 2\"; it is recorded in the ledger"
    case .missingReason:
      "give a reason with --reason; it is recorded in the ledger"
    }
  }
}
