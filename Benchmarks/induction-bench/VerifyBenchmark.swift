import Crypto
import Foundation
import GRDB
@_spi(RawStore) import InductionCore

/// Measurement 4: `verify` throughput, in process through ``AppDatabase/verifyLedger()``, against
/// the limit: a tight single-threaded loop of SHA-256 over each entry's canonical bytes and Ed25519
/// verification of its signature (swift-crypto), over the same entries held in memory, with none
/// of the database reading, decoding, chain, reference or personal-details checks.
struct VerifyBenchmark {
  /// The database file.
  let databaseURL: URL
  /// Timed runs of each (the best is reported).
  let runs: Int

  /// Entries per second of each.
  struct Result {
    /// Entries verified.
    var entries: Int
    /// Seconds for `verifyLedger()`, run by run.
    var verifySeconds: [Double]
    /// Seconds for the tight loop, run by run.
    var limitSeconds: [Double]

    /// Best `verifyLedger()` throughput, entries per second.
    var verifyRate: Double { Double(entries) / (verifySeconds.min() ?? .infinity) }
    /// Best tight-loop throughput, entries per second.
    var limitRate: Double { Double(entries) / (limitSeconds.min() ?? .infinity) }
  }

  /// Times `verifyLedger()`, then loads the entries' bytes and times the tight loop.
  func run(progress: (String) -> Void) throws -> Result {
    let database = try AppDatabase.open(at: databaseURL)
    var verifySeconds: [Double] = []
    var entries = 0
    for run in 1...runs {
      let start = MonotonicClock.now()
      let report = try database.verifyLedger()
      verifySeconds.append(MonotonicClock.seconds(since: start))
      guard report.damage == nil else { throw BenchError("verify found damage: \(report.damage!)") }
      entries = report.entryCount
      progress(
        "verify run \(run)/\(runs): \(entries.formatted()) entries in \(String(format: "%.2f", verifySeconds.last!)) s"
      )
    }
    let material = try SignedMaterial.load(from: database)
    guard material.count == entries else {
      throw BenchError("verify checked \(entries) entries but the ledger holds \(material.count)")
    }
    var limitSeconds: [Double] = []
    for run in 1...runs {
      let start = MonotonicClock.now()
      let valid = material.verifyAll()
      limitSeconds.append(MonotonicClock.seconds(since: start))
      guard valid == material.count else {
        throw BenchError("the tight loop found \(material.count - valid) bad signatures")
      }
      progress("tight loop run \(run)/\(runs): \(String(format: "%.2f", limitSeconds.last!)) s")
    }
    return Result(entries: entries, verifySeconds: verifySeconds, limitSeconds: limitSeconds)
  }
}

/// Every ledger entry's canonical bytes (exactly what `entry_hash` is the SHA-256 of), signature and
/// public key, packed into flat arrays so the tight loop does nothing but hash and verify.
struct SignedMaterial {
  private var bytes: [UInt8] = []
  private var ends: [Int] = []
  private var signatures: [UInt8] = []
  private var keyIndex: [Int] = []
  private var keys: [Curve25519.Signing.PublicKey] = []

  /// How many entries.
  var count: Int { ends.count }

  /// Reads every entry, re-encodes it, and checks the encoding hashes to the stored `entry_hash`.
  static func load(from database: AppDatabase) throws -> SignedMaterial {
    var material = SignedMaterial()
    try database.engine.read { db in
      var keyPositions: [String: Int] = [:]
      for row in try SQLRow.fetchAll(db, sql: "SELECT id, public_key FROM signing_key") {
        keyPositions[try row.decode(atIndex: 0)] = material.keys.count
        material.keys.append(
          try Curve25519.Signing.PublicKey(rawRepresentation: try row.decode(atIndex: 1) as Data))
      }
      let cursor = try SQLRow.fetchCursor(
        db, sql: "SELECT \(LedgerEntry.selection) FROM ledger ORDER BY seq")
      while let row = try cursor.next() {
        let entry = try LedgerEntry(row: row)
        let encoded = canonicalBytes(entry)
        guard Data(SHA256.hash(data: encoded)) == entry.entryHash else {
          throw BenchError("the bench's re-encoding of seq \(entry.seq) does not match its hash")
        }
        guard let key = keyPositions[entry.keyID] else {
          throw BenchError("seq \(entry.seq) names an unknown key")
        }
        material.bytes.append(contentsOf: encoded)
        material.ends.append(material.bytes.count)
        material.signatures.append(contentsOf: entry.signature)
        material.keyIndex.append(key)
      }
    }
    return material
  }

  /// Hashes and verifies every entry; returns how many signatures are valid.
  func verifyAll() -> Int {
    var valid = 0
    bytes.withUnsafeBufferPointer { all in
      signatures.withUnsafeBufferPointer { signatures in
        var start = 0
        for index in 0..<ends.count {
          let message = UnsafeRawBufferPointer(
            UnsafeBufferPointer(rebasing: all[start..<ends[index]]))
          let digest = SHA256.hash(data: message)
          let signature = UnsafeRawBufferPointer(
            UnsafeBufferPointer(rebasing: signatures[index * 64..<(index + 1) * 64]))
          let ok = digest.withUnsafeBytes {
            keys[keyIndex[index]].isValidSignature(signature, for: $0)
          }
          if ok { valid += 1 }
          start = ends[index]
        }
      }
    }
    return valid
  }

  /// `induction-ledger-v1 ‖ prev_hash ‖ length-prefixed fields`, as `LedgerEntry.computedHash()`.
  private static func canonicalBytes(_ entry: LedgerEntry) -> [UInt8] {
    var encoder = CanonicalEncoder(domain: "induction-ledger-v1")
    encoder.appendRaw(Array(entry.prevHash))
    encoder.append(entry.seq)
    encoder.append(entry.kind.rawValue)
    encoder.append(entry.recordedAt)
    encoder.append(entry.station)
    encoder.append(entry.mode)
    encoder.append(entry.guidanceSHA256)
    encoder.append(entry.statementSHA256)
    encoder.append(entry.scenarioCount)
    encoder.append(entry.firstTryCorrect)
    encoder.append(entry.attemptCount)
    encoder.append(entry.transcriptSHA256)
    encoder.append(entry.piiCommitment)
    encoder.append(optional: entry.subjectSeq)
    encoder.append(entry.note)
    if let subjectKey = entry.subjectKey { encoder.append(bytes: Array(subjectKey)) }
    return encoder.bytes
  }
}
