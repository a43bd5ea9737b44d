import InductionCore

/// How one parent's induction ended.
public enum ParentOutcome: Equatable {
  /// Signed; the ledger entry holds the reference shown.
  case signed(LedgerEntry)
  /// The parent cancelled; nothing was signed.
  case cancelled
  /// A terminating signal ended it; nothing was signed.
  case terminated
  /// Nobody pressed a key for the idle timeout; nothing was signed.
  case timedOut
  /// Staff typed the staff word at the kiosk's welcome screen (no session had started).
  case staffRequested
}
