import Dispatch
import Foundation
import Synchronization
import Testing

@testable import InductionCore

/// One way to damage the entry at an index, as someone editing the store behind the program's
/// back would, and what `verify` must then name.
struct LedgerDamageCase: Sendable, CustomTestStringConvertible {
  /// What is done.
  var name: String
  /// The damage `verify` must report.
  var kind: LedgerDamage.Kind
  /// How far after the damaged entry the report lands (an entry removed is missed at the next).
  var seqOffset = 0
  /// Damages the entry at the index.
  var apply: @Sendable (inout InMemoryLedger, Int) throws -> Void

  var testDescription: String { name }

  static let all: [LedgerDamageCase] = [
    .init(name: "signature zeroed", kind: .badSignature) { ledger, index in
      ledger.entries[index].entry.signature = Data(count: 64)
    },
    .init(name: "signature of another entry", kind: .badSignature) { ledger, index in
      ledger.entries[index].entry.signature = ledger.entries[index - 2].entry.signature
    },
    .init(name: "link broken", kind: .brokenChain) { ledger, index in
      ledger.entries[index].entry.prevHash = LedgerEntry.genesisHash
    },
    .init(name: "field changed", kind: .alteredEntry) { ledger, index in
      ledger.entries[index].entry.station = "Elsewhere"
    },
    .init(name: "key named by an acknowledgement", kind: .alteredEntry) { ledger, index in
      ledger.entries[index].entry.subjectKey = InMemoryLedger.keys[3].publicKey
      try InMemoryLedger.seal(&ledger.entries[index].entry, by: InMemoryLedger.keys[0])
    },
    .init(name: "entry removed", kind: .missingEntry, seqOffset: 1) { ledger, index in
      ledger.entries.remove(at: index)
    },
    .init(name: "signed by a key never enrolled", kind: .untrustedKey) { ledger, index in
      try InMemoryLedger.seal(&ledger.entries[index].entry, by: InMemoryLedger.keys[3])
    },
    .init(name: "signed by a retired key", kind: .untrustedKey) { ledger, index in
      try InMemoryLedger.seal(&ledger.entries[index].entry, by: InMemoryLedger.keys[2])
    },
    .init(name: "key id changed", kind: .untrustedKey) { ledger, index in
      ledger.entries[index].entry.keyID = InMemoryLedger.keys[3].id
    },
    .init(name: "second genesis", kind: .unexpectedGenesis) { ledger, index in
      ledger.entries[index].entry.kind = .genesis
      ledger.entries[index].entry.subjectKey = InMemoryLedger.keys[0].publicKey
      try InMemoryLedger.seal(&ledger.entries[index].entry, by: InMemoryLedger.keys[0])
    },
    .init(name: "reference lengthened", kind: .wrongReference) { ledger, index in
      // One character more than the hash gives there: a Z where the hash goes on with Z would
      // still be a sound (longer) reference.
      let entry = ledger.entries[index].entry
      let sound = Reference.make(from: Array(entry.entryHash), length: entry.reference.count + 1)
      ledger.entries[index].entry.reference += sound == entry.reference + "Z" ? "Y" : "Z"
    },
    .init(name: "parent renamed", kind: .alteredPersonalDetails) { ledger, index in
      ledger.entries[index].details?.details.parentName = "Someone Else"
    },
    .init(name: "child removed", kind: .alteredPersonalDetails) { ledger, index in
      ledger.entries[index].details?.details.children.removeLast()
    },
    .init(name: "salt changed", kind: .alteredPersonalDetails) { ledger, index in
      ledger.entries[index].details?.salt = [UInt8](repeating: 0, count: 16)
    },
    .init(name: "personal details removed", kind: .missingPersonalDetails) { ledger, index in
      ledger.entries[index].details = nil
    },
    .init(name: "answer changed", kind: .alteredAnswers) { ledger, index in
      ledger.entries[index].answers[1].choiceIndex += 1
    },
    .init(name: "statement text changed", kind: .alteredText) { ledger, index in
      let texts = ledger.texts
      ledger.texts = StoredTexts(
        guidance: texts.guidance,
        statements: texts.statements.subtracting([ledger.entries[index].entry.statementSHA256]),
        translations: texts.translations)
    },
  ]
}

@Suite("LedgerVerifier: damage in windows, against entry-by-entry verification")
struct LedgerVerifierTests {
  // Signing 3,004 entries takes a moment: every test damages a copy of the one ledger.
  static let healthy = try! InMemoryLedger(acknowledgements: 3_000)

  /// Windows of 256 entries: index 256 opens the second window, 383 is in its middle and 511
  /// closes it. (Signatures are slow to check in a debug build: the damage comes early.)
  static let window = 256

  @Test func aSoundLedgerIsReportedSoundInAnyWindowSize() {
    let expected = VerificationReport(entryCount: 3_004, damage: nil)
    #expect(ReferenceVerifier.verify(Self.healthy) == expected)
    for window in [1, Self.window, LedgerVerifier.windowSize] {
      #expect(Self.healthy.verified(window: window) == expected, "window \(window)")
    }
  }

  @Test(arguments: LedgerDamageCase.all, [256, 383, 511])
  func eachDamageIsNamedAtTheStartMiddleAndEndOfAWindow(damage: LedgerDamageCase, index: Int)
    throws
  {
    var ledger = Self.healthy
    try damage.apply(&ledger, index)
    let expected = VerificationReport(
      entryCount: index + 1,
      damage: LedgerDamage(seq: index + 1 + damage.seqOffset, kind: damage.kind))
    #expect(ReferenceVerifier.verify(ledger) == expected)
    #expect(ledger.verified(window: Self.window) == expected)
  }

  @Test func aBadSignatureWinsOverLaterChecksOnTheSameEntry() {
    var ledger = Self.healthy
    ledger.entries[383].entry.signature = Data(count: 64)
    ledger.entries[383].entry.reference += "Z"
    ledger.entries[383].details = nil
    let expected = VerificationReport(
      entryCount: 384, damage: LedgerDamage(seq: 384, kind: .badSignature))
    #expect(ReferenceVerifier.verify(ledger) == expected)
    #expect(ledger.verified(window: Self.window) == expected)
    #expect(ledger.verified() == expected)
  }

  @Test func anEarlierDamageWinsOverLaterBadSignatures() {
    var ledger = Self.healthy
    ledger.entries[300].entry.station = "Elsewhere"
    ledger.entries[310].entry.signature = Data(count: 64)
    ledger.entries[700].entry.signature = Data(count: 64)
    let expected = VerificationReport(
      entryCount: 301, damage: LedgerDamage(seq: 301, kind: .alteredEntry))
    #expect(ReferenceVerifier.verify(ledger) == expected)
    #expect(ledger.verified(window: Self.window) == expected)
    #expect(ledger.verified() == expected)
  }

  /// Window N's signatures are checked while window N + 1 is read and ruled: damage the rules find
  /// in N + 1 must not hide a bad signature in N.
  @Test func aBadSignatureWinsOverRuleDamageInTheWindowReadAhead() {
    var ledger = Self.healthy
    ledger.entries[300].entry.signature = Data(count: 64)
    ledger.entries[600].entry.station = "Elsewhere"
    let expected = VerificationReport(
      entryCount: 301, damage: LedgerDamage(seq: 301, kind: .badSignature))
    #expect(ReferenceVerifier.verify(ledger) == expected)
    #expect(ledger.verified(window: Self.window) == expected)
    #expect(ledger.verified() == expected)
  }

  /// A read that fails part way through a window: damage among the entries read before it is
  /// reported, otherwise the error.
  @Test func anUnreadableRowReportsEarlierDamageElseTheError() throws {
    struct Unreadable: Error {}
    func verify(_ ledger: InMemoryLedger, failingAt failure: Int) throws(Unreadable)
      -> VerificationReport
    {
      var verifier = LedgerVerifier(
        trust: ledger.trust, erasures: ledger.erasures, texts: ledger.texts)
      var start = 0
      try verifier.checkAll { (next: inout [StoredEntry]) throws(Unreadable) in
        let end = min(start + Self.window, ledger.entries.count)
        for index in start..<end {
          if index == failure { throw Unreadable() }
          next.append(ledger.entries[index])
        }
        start = end
      }
      return verifier.report(rosterEvidence: RosterEvidence())
    }
    var damaged = Self.healthy
    damaged.entries[700].entry.signature = Data(count: 64)
    #expect(
      try verify(damaged, failingAt: 720)
        == VerificationReport(entryCount: 701, damage: LedgerDamage(seq: 701, kind: .badSignature)))
    #expect(throws: Unreadable.self) { try verify(damaged, failingAt: 650) }
    #expect(throws: Unreadable.self) { try verify(Self.healthy, failingAt: 2_000) }
  }

  @Test func aLedgerWithoutGenesisIsDamagedAtItsFirstEntry() throws {
    var ledger = Self.healthy
    ledger.entries[0].entry.kind = .keyEnrolment
    try InMemoryLedger.seal(&ledger.entries[0].entry, by: InMemoryLedger.keys[0])
    let expected = VerificationReport(entryCount: 1, damage: LedgerDamage(seq: 1, kind: .noGenesis))
    #expect(ReferenceVerifier.verify(ledger) == expected)
    #expect(ledger.verified(window: Self.window) == expected)
  }

  /// The bench's former `verify-selftest`: one to three damages at once at random entries, now and
  /// then two on one entry (which tests the order of the checks within it).
  @Test func randomDamageIsReportedAsEntryByEntryVerificationReportsIt() throws {
    var random = SplitMix64(seed: 11)
    for _ in 0..<16 {
      var ledger = Self.healthy
      var applied: [String] = []
      var sameEntry: Int?
      for _ in 0..<Int.random(in: 1...3, using: &random) {
        let index = sameEntry ?? Int.random(in: 4..<(ledger.entries.count - 1), using: &random)
        sameEntry = Bool.random(using: &random) ? index : nil
        let damage = LedgerDamageCase.all.randomElement(using: &random)!
        // A removal shifts the entries after it: damage them no more at this index.
        if damage.kind == .missingEntry { sameEntry = nil }
        applied.append("\(damage.name) at \(index)")
        try damage.apply(&ledger, index)
      }
      #expect(
        ledger.verified(window: Self.window) == ReferenceVerifier.verify(ledger),
        "\(applied.joined(separator: ", "))")
    }
  }

  @Test func verificationsFromEveryThreadOfABusyPoolAllFinish() {
    var prefix = Self.healthy
    prefix.entries.removeLast(2_500)
    let healthy = prefix
    let sound = Mutex(0)
    DispatchQueue.concurrentPerform(iterations: 8) { _ in
      if healthy.verified(window: Self.window).damage == nil {
        sound.withLock { $0 += 1 }
      }
    }
    #expect(sound.withLock { $0 } == 8)
  }
}
