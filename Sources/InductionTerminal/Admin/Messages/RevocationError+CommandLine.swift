import InductionCore

extension RevocationError: CommandLineMessage {
  /// The sentence shown.
  public var commandLineMessage: String {
    switch self {
    case .unknownReference(let reference):
      "\(Reference.noAcknowledgement(reference)); check it and try again"
    case .alreadyRevoked(let reference):
      "the acknowledgement \(reference) is already revoked; nothing was changed"
    case .badReason:
      "give a short reason with --reason (1 to 200 characters, without anyone's name)"
    }
  }
}
