import Crypto
import Dispatch
import Foundation

/// Checks Ed25519 signatures in batches on the other cores while the ledger is read on, and
/// remembers the earliest bad one by its position in the ledger, so `verify` still names the first
/// bad entry exactly.
///
/// Batches wait in a queue that idle worker threads and the reading thread both take from: when
/// too many are waiting, or at the end, the reading thread checks them itself. So memory stays flat,
/// and `verify` finishes even when no worker thread is free (called from a busy thread pool).
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
    /// Index into the keys.
    var key: Int
  }

  /// Signatures per batch: about ten milliseconds of work.
  static let batchSize = 256

  private let keys: [Curve25519.Signing.PublicKey?]
  private let workers: Int
  private let maximumWaiting: Int
  private let condition = NSCondition()
  // Guarded by `condition`:
  private var waiting: [[Item]] = []
  private var running = 0
  private var earliest: (position: Int, seq: Int)?
  // Only touched by the reading thread:
  private var pending: [Item] = []

  /// A verifier for signatures by `keys` (a key that is not a valid Ed25519 public key is `nil`:
  /// every signature by it is bad).
  init(keys: [Curve25519.Signing.PublicKey?]) {
    self.keys = keys
    workers = max(0, ProcessInfo.processInfo.activeProcessorCount - 1)
    maximumWaiting = 8 + 4 * workers
    pending.reserveCapacity(Self.batchSize)
  }

  /// Queues one signature; full batches go to the workers.
  func submit(_ item: Item) {
    pending.append(item)
    if pending.count >= Self.batchSize { enqueuePending() }
  }

  /// The earliest bad signature found so far (workers may still be running).
  var earliestBadSoFar: (position: Int, seq: Int)? {
    condition.lock()
    defer { condition.unlock() }
    return earliest
  }

  /// Checks everything still queued, waits for the batches being checked, and returns the earliest
  /// bad signature.
  func finish() -> (position: Int, seq: Int)? {
    if !pending.isEmpty {
      let batch = pending
      pending.removeAll()
      check(batch)
    }
    while let batch = take() { checkTaken(batch) }
    condition.lock()
    while running > 0 { condition.wait() }
    defer { condition.unlock() }
    return earliest
  }

  private func enqueuePending() {
    let batch = pending
    pending.removeAll(keepingCapacity: true)
    guard workers > 0 else {
      check(batch)
      return
    }
    condition.lock()
    waiting.append(batch)
    let backlog = waiting.count
    condition.unlock()
    DispatchQueue.global(qos: .userInitiated).async { [self] in
      if let batch = take() { checkTaken(batch) }
    }
    // Too much waiting: the reading thread lends a hand rather than let the queue grow.
    if backlog > maximumWaiting, let batch = take() { checkTaken(batch) }
  }

  /// The oldest waiting batch, counted as running; nil when none is waiting.
  private func take() -> [Item]? {
    condition.lock()
    defer { condition.unlock() }
    guard !waiting.isEmpty else { return nil }
    running += 1
    return waiting.removeFirst()
  }

  private func checkTaken(_ batch: [Item]) {
    check(batch)
    condition.lock()
    running -= 1
    condition.broadcast()
    condition.unlock()
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
    condition.lock()
    defer { condition.unlock() }
    if earliest == nil || item.position < earliest!.position {
      earliest = (item.position, item.seq)
    }
  }
}
