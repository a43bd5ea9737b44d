/// What `verify` found wrong with the ledger, naming the first bad entry.
public struct LedgerDamage: Sendable, Equatable, CustomStringConvertible {
  /// The kinds of damage `verify` tells apart.
  public enum Kind: String, Sendable, Equatable {
    /// An entry is missing: `seq` is not contiguous.
    case missingEntry = "an entry is missing before it (seq is not contiguous)"
    /// `prev_hash` does not match the previous entry's hash: entries were removed, reordered or inserted.
    case brokenChain =
      "its link to the previous entry is broken (entries removed, reordered or inserted)"
    /// A recorded field no longer matches the entry hash.
    case alteredEntry = "its recorded fields were changed after signing"
    /// The signature is not valid for the entry hash.
    case badSignature = "its signature is not valid"
    /// The ledger has entries but no genesis entry naming the key trusted from the start.
    case noGenesis = "no genesis entry names the key trusted from the start"
    /// A second genesis entry: only the first entry of an installation may name its own key.
    case unexpectedGenesis =
      "it is a second genesis entry (keys after the first are added only by enrolment)"
    /// The entry is signed by a key the ledger had not enrolled, or had retired, at that point.
    case untrustedKey =
      "it is signed by a key that the ledger had not enrolled, or had retired, at that point"
    /// The stored quiz answers no longer hash to the signed transcript hash.
    case alteredAnswers = "its quiz answers were changed after signing"
    /// The personal details were changed.
    case alteredPersonalDetails = "its personal details were changed after signing"
    /// The personal details are gone without an erasure entry.
    case missingPersonalDetails = "its personal details are missing and no erasure was recorded"
    /// The reference does not derive from the hash.
    case wrongReference = "its reference does not match its hash"
    /// A text it names by SHA-256 (the guidance or statement, as shown or in English) is missing
    /// or no longer has that hash.
    case alteredText = "a guidance or statement text it names was changed or removed after signing"
    /// A manual roster link for it (or it, a link entry) does not match what is stored: a link
    /// row added, edited or removed by hand, or one undone but still stored.
    case alteredLink =
      "a roster link signed for it, or stored as if signed, was added, changed or removed by hand"
    /// A child's stored match key does not follow from the name and class under its commitment.
    case alteredMatchKey =
      "a child's match key stored for it does not follow from the name and class signed"
  }

  /// The first bad entry.
  public var seq: Int
  /// What is wrong with it.
  public var kind: Kind

  /// Creates a damage report.
  public init(seq: Int, kind: Kind) {
    self.seq = seq
    self.kind = kind
  }

  /// `seq 5: its signature is not valid`.
  public var description: String { "seq \(seq): \(kind.rawValue)" }
}
