import Crypto
import Dispatch
import Foundation
import Synchronization

/// The Ed25519 signatures of one bounded window of entries, checked on every core with
/// `DispatchQueue.concurrentPerform`; the answer is the first bad one in ledger order, as checking
/// them one by one would give.
struct SignatureWindow: Sendable {
  /// One signature to check.
  struct Signature: Sendable {
    /// The signed message: the entry hash.
    var entryHash: Data
    /// The signature.
    var signature: Data
    /// The key it must be valid for; nil when the ledger names a key that is not a valid Ed25519
    /// public key, so the signature is bad.
    var key: Curve25519.Signing.PublicKey?

    /// Whether the signature is valid.
    var isValid: Bool { key?.isValidSignature(signature, for: entryHash) ?? false }
  }

  /// Signatures per unit of work: a few milliseconds, small enough that the cores finish together.
  static let chunkSize = 128

  /// The signatures, in ledger order.
  var signatures: [Signature] = []

  /// The index of the first bad signature, or nil when all are valid.
  func firstInvalid() -> Int? {
    let count = signatures.count
    let chunks = (count + Self.chunkSize - 1) / Self.chunkSize
    guard chunks > 1 else { return signatures.firstIndex { !$0.isValid } }
    let firstBad = Atomic<Int>(Int.max)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      let start = chunk * Self.chunkSize
      for index in start..<min(start + Self.chunkSize, count) {
        // A bad signature already found before this one decides the answer.
        if firstBad.load(ordering: .relaxed) < index { return }
        if !signatures[index].isValid {
          firstBad.min(index, ordering: .relaxed)
          return
        }
      }
    }
    let found = firstBad.load(ordering: .relaxed)
    return found == Int.max ? nil : found
  }
}

/// A window's signatures being checked on other threads while the caller goes on.
final class SignatureCheck: Sendable {
  private let done = DispatchGroup()
  private let result = Mutex<Int?>(nil)

  /// Starts checking `window`.
  init(_ window: SignatureWindow) {
    done.enter()
    DispatchQueue.global().async { [self] in
      let bad = window.firstInvalid()
      result.withLock { $0 = bad }
      done.leave()
    }
  }

  /// Waits for the check: the index of the first bad signature, or nil when all are valid.
  func firstInvalid() -> Int? {
    done.wait()
    return result.withLock { $0 }
  }
}
