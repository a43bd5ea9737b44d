import Dispatch
import Foundation
import Synchronization

/// The hashes the rules compare for one entry, which depend on the entry alone: worked out for a
/// whole window on every core, so the rules that follow the chain in order only compare.
struct EntryDigests: Sendable {
  /// Whether the entry hashes to its stored hash.
  var hashMatches: Bool
  /// Whether the personal details held hash to the entry's commitment (true when none are held).
  var detailsMatch: Bool
  /// Whether the answers stored hash to the entry's transcript hash.
  var answersMatch: Bool

  /// The digests of `stored`.
  init(_ stored: StoredEntry) {
    let entry = stored.entry
    hashMatches = entry.computedHash() == entry.entryHash
    guard entry.kind == .acknowledgement else {
      detailsMatch = true
      answersMatch = true
      return
    }
    detailsMatch =
      stored.details.map { $0.details.commitment(salt: $0.salt) == entry.piiCommitment } ?? true
    answersMatch = stored.answers.transcriptSHA256 == entry.transcriptSHA256
  }

  /// Entries per unit of work.
  static let chunkSize = 128

  /// The digests of every entry of `window`, in order, worked out on every core.
  static func of(_ window: [StoredEntry]) -> [EntryDigests] {
    let count = window.count
    let chunks = (count + chunkSize - 1) / chunkSize
    guard chunks > 1 else { return window.map(EntryDigests.init) }
    let done = Mutex<[[EntryDigests]]>(Array(repeating: [], count: chunks))
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      let start = chunk * chunkSize
      let digests = window[start..<min(start + chunkSize, count)].map(EntryDigests.init)
      done.withLock { $0[chunk] = digests }
    }
    return done.withLock { $0.flatMap { $0 } }
  }
}
