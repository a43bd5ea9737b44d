import Foundation

/// What a ledger row records.
public enum LedgerKind: String, Sendable, Codable, CaseIterable {
  /// A parent signed the acknowledgement.
  case acknowledgement
  /// An admin withdrew a mistaken acknowledgement.
  case revocation
  /// A person's details were erased on request.
  case erasure
  /// The first entry of an installation: names the key trusted from the start, signed by it.
  case genesis
  /// A trusted key adds another key (a second PC, a replacement) to the trusted set.
  case keyEnrolment = "key enrolment"
  /// A trusted key takes a key out of the trusted set.
  case keyRetirement = "key retirement"
  /// An admin linked an acknowledgement (`subjectSeq`) to a roster child by hand; `piiCommitment`
  /// commits to the child's name and class with a salt kept beside the link.
  case rosterLink = "roster link"
  /// An admin undid a roster link: `subjectSeq` is the link's entry.
  case rosterUnlink = "roster unlink"

  /// Whether entries of this kind name a key in ``LedgerEntry/subjectKey``.
  public var namesKey: Bool {
    switch self {
    case .genesis, .keyEnrolment, .keyRetirement: true
    case .acknowledgement, .revocation, .erasure, .rosterLink, .rosterUnlink: false
    }
  }
}

/// One row of the append-only ledger. Every field but the last three is covered by `entryHash`.
public struct LedgerEntry: Sendable, Equatable, Codable {
  /// Position in the ledger, contiguous from 1.
  public var seq: Int
  /// What happened.
  public var kind: LedgerKind
  /// When, as `Timestamp.utc`.
  public var recordedAt: String
  /// The kiosk station or terminal.
  public var station: String
  /// `start`, `kiosk` or `admin`.
  public var mode: String
  /// SHA-256 of the guidance shown (empty for admin events).
  public var guidanceSHA256: String
  /// SHA-256 of the statement signed (empty for admin events).
  public var statementSHA256: String
  /// Scenarios asked.
  public var scenarioCount: Int
  /// Scenarios right first time.
  public var firstTryCorrect: Int
  /// Answers given in all.
  public var attemptCount: Int
  /// SHA-256 of the quiz transcript.
  public var transcriptSHA256: String
  /// SHA-256(salt ‖ personal details), hex; empty for admin events.
  public var piiCommitment: String
  /// The entry a revocation or erasure is about.
  public var subjectSeq: Int?
  /// A revocation's or retirement's reason, an enrolled key's name; empty otherwise.
  public var note: String
  /// The raw Ed25519 public key a genesis, enrolment or retirement names; nil for other kinds.
  public var subjectKey: Data?
  /// The language the parent read the induction in (`en`, `pl`); nil on acknowledgements made
  /// before translations existed (which were all English) and on other kinds. When set, the
  /// guidance and statement hashes above are the English originals', and the two below are those of
  /// the text actually shown.
  public var language: String? = nil
  /// SHA-256 of the guidance text shown, in ``language``.
  public var shownGuidanceSHA256: String? = nil
  /// SHA-256 of the statement text shown and signed, in ``language``.
  public var shownStatementSHA256: String? = nil
  /// The previous entry's hash (32 zero bytes for the first).
  public var prevHash: Data
  /// SHA-256 over the domain, `prevHash` and every field above.
  public var entryHash: Data
  /// Ed25519 signature of `entryHash` by the installation key.
  public var signature: Data
  /// Which key signed.
  public var keyID: String
  /// The receipt reference derived from `entryHash`.
  public var reference: String

  enum CodingKeys: String, CodingKey {
    case seq, kind, station, mode, note, signature, reference
    case recordedAt = "recorded_at"
    case guidanceSHA256 = "guidance_sha256"
    case statementSHA256 = "statement_sha256"
    case scenarioCount = "scenario_count"
    case firstTryCorrect = "first_try_correct"
    case attemptCount = "attempt_count"
    case transcriptSHA256 = "transcript_sha256"
    case piiCommitment = "pii_commitment"
    case subjectSeq = "subject_seq"
    case subjectKey = "subject_key"
    case prevHash = "prev_hash"
    case entryHash = "entry_hash"
    case keyID = "key_id"
    case language
    case shownGuidanceSHA256 = "shown_guidance_sha256"
    case shownStatementSHA256 = "shown_statement_sha256"
  }

  /// The hash of the genesis entry's predecessor.
  public static let genesisHash = Data(repeating: 0, count: 32)

  /// Recomputes the hash from `prevHash` and the recorded fields.
  public func computedHash() -> Data {
    var encoder = CanonicalEncoder(domain: "induction-ledger-v1")
    encoder.appendRaw(Array(prevHash))
    encoder.append(seq)
    encoder.append(kind.rawValue)
    encoder.append(recordedAt)
    encoder.append(station)
    encoder.append(mode)
    encoder.append(guidanceSHA256)
    encoder.append(statementSHA256)
    encoder.append(scenarioCount)
    encoder.append(firstTryCorrect)
    encoder.append(attemptCount)
    encoder.append(transcriptSHA256)
    encoder.append(piiCommitment)
    encoder.append(optional: subjectSeq)
    encoder.append(note)
    // Only key entries carry it, so the hashes of entries made before keys were enrolled in the
    // ledger are unchanged.
    if let subjectKey { encoder.append(bytes: Array(subjectKey)) }
    // Likewise only acknowledgements made since translations exist carry what was shown; the
    // marker keeps these fields apart from any other optional field.
    if language != nil || shownGuidanceSHA256 != nil || shownStatementSHA256 != nil {
      encoder.append("shown")
      encoder.append(language ?? "")
      encoder.append(shownGuidanceSHA256 ?? "")
      encoder.append(shownStatementSHA256 ?? "")
    }
    return Digest.sha256(encoder.bytes)
  }

  /// The language the induction was read in: ``language``, or `en` for entries made before
  /// translations existed.
  public var languageShown: String { language ?? LanguageTag.english }

  /// Whether the language fields are all present or all absent, present only on an
  /// acknowledgement, and well formed; for English the text shown is the original.
  public var hasConsistentLanguageFields: Bool {
    switch (language, shownGuidanceSHA256, shownStatementSHA256) {
    case (nil, nil, nil): return true
    case (let language?, let guidance?, let statement?):
      return kind == .acknowledgement && LanguageTag.isWellFormed(language)
        && (language != LanguageTag.english
          || (guidance == guidanceSHA256 && statement == statementSHA256))
    default: return false
    }
  }

  /// The reference shown to people, `ABCD-EFGH`.
  public var displayReference: String { Reference.display(reference) }
}
