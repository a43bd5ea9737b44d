import InductionCore

extension RosterLinkError: CommandLineMessage {
  /// The sentence shown.
  public var commandLineMessage: String {
    switch self {
    case .unknownReference(let reference):
      "\(Reference.noAcknowledgement(reference)); check it with `induction export acknowledgements`"
    case .noSuchChild:
      "no child of that name is on the roster; check the spelling or import the roster again"
    case .ambiguousChild(let classes):
      "more than one child of that name is on the roster (classes: \(classes.joined(separator: ", "))); add --class"
    case .alreadyLinked(let reference):
      "the acknowledgement \(reference) is linked to that child already; nothing was changed"
    case .notLinked(let reference):
      "the acknowledgement \(reference) has no link to a child of that name (in that class); give the name and class as they were linked"
    }
  }
}
