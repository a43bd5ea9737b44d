import Foundation
import InductionCore
import TestSupport
import Testing

@Suite("Names, references and encodings")
struct PrimitivesTests {
  @Test func namesMatchIgnoringCaseSpacesAndNormalisationForm() {
    #expect(
      NameNormalisation.signatureMatches("  zoe\u{308}   NÍ bhriain ", name: "Zoë Ní Bhriain"))
    #expect(!NameNormalisation.signatureMatches("Zoe Ni Bhriain", name: "Zoë Ní Bhriain"))
    #expect(!NameNormalisation.signatureMatches("", name: ""))
    #expect(NameNormalisation.tidy(" Siobha\u{301}n \t O'Neil ") == "Siobhán O'Neil")
  }

  @Test func referencesAreCrockfordBase32OfTheHash() {
    #expect(Reference.make(from: [0, 0, 0, 0, 0]) == "00000000")
    #expect(Reference.make(from: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF]) == "ZZZZZZZZ")
    #expect(Reference.make(from: [0x08, 0x42, 0x10, 0x84, 0x21]) == "11111111")
    #expect(Reference.display("ABCDEFGH") == "ABCD-EFGH")
    #expect(Reference.normalise("abcd-efgh") == "ABCDEFGH")
    #expect(Reference.normalise("IOL0-1234") == "10101234")
    #expect(Reference.normalise("ABCU1234") == nil)
    #expect(Reference.normalise("short") == nil)
  }

  @Test func lengthPrefixesKeepFieldBoundaries() {
    var a = CanonicalEncoder(domain: "d")
    a.append("ab")
    a.append("c")
    var b = CanonicalEncoder(domain: "d")
    b.append("a")
    b.append("bc")
    #expect(a.bytes != b.bytes)
    #expect(
      a.bytes == Array("d".utf8) + [0, 0, 0, 2] + Array("ab".utf8) + [0, 0, 0, 1] + Array("c".utf8))
  }

  @Test func localTimesCarryTheSchoolOffset() {
    let summer = Date(timeIntervalSince1970: 1_782_900_000)  // 2026-07-01 10:00 UTC
    let zone = TimeZone(identifier: "Europe/London")!
    #expect(Timestamp.local(summer, in: zone) == "2026-07-01 11:00:00 +01:00")
    #expect(Timestamp.local(Fixtures.instant, in: zone) == "2026-11-26 09:00:00 +00:00")
    #expect(Timestamp.utc(Fixtures.instant.addingTimeInterval(0.25)) == "2026-11-26T09:00:00.250Z")
  }
}
