import Foundation

/// The store writes and reads an induction makes: its session, each answer, the signing, and the
/// versions a returning parent compares. ``AppDatabase`` is the store of both engines; tests may
/// give their own.
public protocol InductionStore: Sendable {
  /// Records that a parent session began in `shown.language`; returns its id.
  func startSession(
    context: SessionContext, guidance: Guidance, guidanceText: String,
    shown: ShownText, shownGuidanceText: String, at date: Date
  ) throws -> Int64
  /// Records one answer (statistics; the signed transcript does not depend on it).
  func recordAttempt(_ attempt: QuizAttempt, session: Int64) throws
  /// Closes a session that was not signed.
  func endSession(_ session: Int64, outcome: SessionOutcome, at date: Date) throws
  /// Every version seen of the guidance in `language`, oldest first.
  func guidanceVersions(language: String) throws -> [(
    sha256: String, text: String, firstSeenAt: String
  )]
  /// The entry a typed reference names, if any.
  func entry(reference typed: String) throws -> LedgerEntry?
  /// Appends the signed acknowledgement and closes its session as signed, durably.
  func appendAcknowledgement(
    _ draft: AcknowledgementDraft, key: SigningKey, at date: Date, salt: [UInt8]
  ) throws -> LedgerEntry
  /// The classes on the roster (offered beside the school's own list).
  func rosterClassNames() throws -> [String]
  /// Called once the receipt is on screen: a moment for housekeeping nobody waits on.
  func checkpointWAL()
}

extension AppDatabase: InductionStore {}
