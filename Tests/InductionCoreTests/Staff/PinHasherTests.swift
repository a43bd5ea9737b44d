import Foundation
import InductionCore
import TestSupport
import Testing

@Suite("Staff PIN")
struct StaffPinTests {
  @Test func pinsMustBeSixDigitsAndNotObvious() {
    #expect(PinHasher.problem(with: "12345") != nil)
    #expect(PinHasher.problem(with: "12a456") != nil)
    #expect(PinHasher.problem(with: "111111") != nil)
    #expect(PinHasher.problem(with: "234567") != nil)
    #expect(PinHasher.problem(with: "482915") == nil)
  }

  @Test func aHashMatchesOnlyItsPinAndSaltsDiffer() throws {
    let a = try PinHasher.hash("482915", parameters: .fastForTests)
    let b = try PinHasher.hash("482915", parameters: .fastForTests)
    #expect(a.salt != b.salt && a.hash != b.hash)
    #expect(PinHasher.matches("482915", a))
    #expect(!PinHasher.matches("482916", a))
    #expect(ScryptParameters.standard == ScryptParameters(log2N: 17, r: 8, p: 1))
  }
}
