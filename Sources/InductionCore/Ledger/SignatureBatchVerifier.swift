import Crypto
import Dispatch
import Foundation

/// Checks Ed25519 signatures in batches on the other cores while ``LedgerScanner`` reads on, and
/// remembers the earliest bad one by its position in the ledger, so `verify` still names the first
/// bad entry exactly. At most a few batches are in flight: memory stays flat.
final class SignatureBatchVerifier: @unchecked Sendable {
  /// One signature to check.
  struct Item: Sendable {
    /// 1-based position in the read order (what ``VerificationReport/entryCount`` counts).
    var position: Int
    /// The entry's seq.
    var seq: Int
    /// The signed message: the entry hash.
    var entryHash: Data
    /// The signature.
    var signature: Data
    /// Index into the keys; `nil` never happens (unknown keys are reported before signatures).
    var key: Int
  }

  /// Signatures per batch: about ten milliseconds of work.
  static let batchSize = 256

  private let keys: [Curve25519.Signing.PublicKey?]
  private let queue = DispatchQueue.global(qos: .userInitiated)
  private let group = DispatchGroup()
  private let slots: DispatchSemaphore
  private let lock = NSLock()
  private var earliest: (position: Int, seq: Int)?
  private var pending: [Item] = []

  /// A verifier for signatures by `keys` (a key that is not a valid Ed25519 public key is `nil`:
  /// every signature by it is bad).
  init(keys: [Curve25519.Signing.PublicKey?]) {
    self.keys = keys
    slots = DispatchSemaphore(
      value: max(2, 2 * ProcessInfo.processInfo.activeProcessorCount))
    pending.reserveCapacity(Self.batchSize)
  }

  /// Queues one signature; a full batch is handed to a worker (waiting while too many are in flight).
  func submit(_ item: Item) {
    pending.append(item)
    if pending.count >= Self.batchSize { dispatchPending() }
  }

  /// The earliest bad signature found so far (workers may still be running).
  var earliestBadSoFar: (position: Int, seq: Int)? {
    lock.lock()
    defer { lock.unlock() }
    return earliest
  }

  /// Checks what is still queued, waits for every worker, and returns the earliest bad signature.
  func finish() -> (position: Int, seq: Int)? {
    dispatchPending()
    group.wait()
    return earliestBadSoFar
  }

  private func dispatchPending() {
    guard !pending.isEmpty else { return }
    let batch = pending
    pending.removeAll(keepingCapacity: true)
    slots.wait()
    queue.async(group: group) { [self] in
      defer { slots.signal() }
      check(batch)
    }
  }

  private func check(_ batch: [Item]) {
    for item in batch {
      // Entries after a known bad one cannot change the answer.
      if let known = earliestBadSoFar, known.position <= item.position { return }
      let valid = keys[item.key]?.isValidSignature(item.signature, for: item.entryHash) ?? false
      if !valid {
        record(item)
        return
      }
    }
  }

  private func record(_ item: Item) {
    lock.lock()
    defer { lock.unlock() }
    if earliest == nil || item.position < earliest!.position {
      earliest = (item.position, item.seq)
    }
  }
}
