import Foundation

/// One ledger entry as stored, with what `verify` needs besides it.
struct StoredEntry: Sendable {
  /// The entry.
  var entry: LedgerEntry
  /// Its personal details and salt exactly as stored, or nil when there is no row for it.
  var details: (details: PersonalDetails, salt: [UInt8])?
  /// The quiz answers of the session it signed, in the order they were stored.
  var answers: [QuizAttempt.Stored]
  /// Whether child rows name it though it has no personal details (erased, or never had any).
  var hasChildrenWithoutDetails = false
}
