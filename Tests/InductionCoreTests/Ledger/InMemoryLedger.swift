import Foundation
import Testing

@testable import InductionCore

/// A signed ledger built in memory, as `verify` reads it from a store: a genesis entry naming key
/// A, the enrolment of B, the enrolment and retirement of C, then acknowledgements signed by A and
/// B in turn, each with its personal details, two children, three answers and a statement of its
/// own (so one stored text can be taken away from one entry).
struct InMemoryLedger {
  /// Keys A, B, C (retired at seq 4) and D (never enrolled).
  static let keys = (0..<4).map { _ in SigningKey.generate() }

  /// The entries in seq order.
  var entries: [StoredEntry]
  /// The texts stored.
  var texts: StoredTexts
  /// The erasure entries (none are built).
  var erasures: [Int: [Int]] = [:]

  /// The key entries' record, as ``KeyTrust/read(_:upTo:)`` would give it from these entries.
  var trust: KeyTrust {
    var trust = KeyTrust()
    for stored in entries {
      let entry = stored.entry
      trust.apply(seq: entry.seq, kind: entry.kind, subjectKey: entry.subjectKey, note: entry.note)
    }
    return trust
  }

  /// The ledger of four key entries and `acknowledgements` acknowledgements.
  init(acknowledgements: Int) throws {
    let keys = Self.keys
    let guidance = Digest.sha256Hex("Guidance")
    var statements: Set<String> = []
    var entries: [StoredEntry] = []
    func append(
      _ kind: LedgerKind, by key: SigningKey, subjectKey: Data? = nil, note: String = "",
      details: (PersonalDetails, [UInt8])? = nil, answers: [QuizAttempt.Stored] = []
    ) throws {
      let seq = entries.count + 1
      let statement = Digest.sha256Hex("Statement \(seq)")
      if kind == .acknowledgement { statements.insert(statement) }
      var entry = LedgerEntry(
        seq: seq, kind: kind, recordedAt: "2026-09-01T08:00:\(seq % 60)Z", station: "Office",
        mode: kind == .acknowledgement ? "kiosk" : "admin",
        guidanceSHA256: kind == .acknowledgement ? guidance : "",
        statementSHA256: kind == .acknowledgement ? statement : "",
        scenarioCount: answers.count, firstTryCorrect: answers.count, attemptCount: answers.count,
        transcriptSHA256: answers.transcriptSHA256,
        piiCommitment: details.map { $0.0.commitment(salt: $0.1) } ?? "", subjectSeq: nil,
        note: note, subjectKey: subjectKey,
        prevHash: entries.last?.entry.entryHash ?? LedgerEntry.genesisHash, entryHash: Data(),
        signature: Data(), keyID: key.id, reference: "")
      try Self.seal(&entry, by: key)
      entries.append(StoredEntry(entry: entry, details: details, answers: answers))
    }
    try append(.genesis, by: keys[0], subjectKey: keys[0].publicKey, note: "first PC")
    try append(.keyEnrolment, by: keys[0], subjectKey: keys[1].publicKey, note: "second PC")
    try append(.keyEnrolment, by: keys[1], subjectKey: keys[2].publicKey, note: "lost PC")
    try append(.keyRetirement, by: keys[0], subjectKey: keys[2].publicKey, note: "lost")
    for index in 0..<acknowledgements {
      let details = PersonalDetails(
        parentName: "Parent \(index)", relationship: "mother", signature: "Parent \(index)",
        children: [
          .init(name: "Child \(index)", className: "Year 3"),
          .init(name: "Sibling \(index)", className: "Year 5"),
        ])
      let answers = (0..<3).map { scenario in
        QuizAttempt.Stored(
          scenarioID: "scenario-\(scenario)", choiceIndex: scenario % 2,
          choiceText: "Tell a teacher",
          isCorrect: true, isFirstTry: true, answeredAt: "2026-09-01T08:00:0\(scenario)Z")
      }
      try append(
        .acknowledgement, by: keys[index % 2], details: (details, [UInt8](repeating: 7, count: 16)),
        answers: answers)
    }
    self.entries = entries
    texts = StoredTexts(guidance: [guidance], statements: statements, translations: [])
  }

  /// Recomputes the hash, signature and reference of `entry` after a change, as someone holding
  /// `key` would.
  static func seal(_ entry: inout LedgerEntry, by key: SigningKey) throws {
    entry.keyID = key.id
    entry.entryHash = entry.computedHash()
    entry.signature = try key.sign(entry.entryHash)
    entry.reference = Reference.make(from: Array(entry.entryHash))
  }

  /// What ``LedgerVerifier`` reports when fed these entries in windows of `window`.
  func verified(window: Int = LedgerVerifier.windowSize) -> VerificationReport {
    var verifier = LedgerVerifier(trust: trust, erasures: erasures, texts: texts)
    var start = 0
    verifier.checkAll { next in
      next.append(
        contentsOf: entries[min(start, entries.count)..<min(start + window, entries.count)])
      start += window
    }
    return verifier.report(rosterEvidence: RosterEvidence())
  }
}
