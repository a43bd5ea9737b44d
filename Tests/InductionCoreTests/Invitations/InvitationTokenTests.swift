import Foundation
import Testing

@testable import InductionCore

@Suite("Personal links: the token and the address they are made under")
struct InvitationTokenTests {
  @Test func aNewTokenIsReadBackFromItsLinkAndTwoTokensDiffer() throws {
    let token = InvitationToken.random()
    #expect(token.text.utf8.count == 43)
    let base = try #require(InvitationBase("https://school.example/induction/"))
    let link = token.link(base: base)
    #expect(link == "https://school.example/induction/i/" + token.text)
    #expect(InvitationToken(link: token.text) == token)
    #expect(InvitationToken.random() != token)
  }

  @Test(arguments: [
    "", "short", String(repeating: "a", count: 42), String(repeating: "a", count: 44),
    String(repeating: "a", count: 42) + "/", String(repeating: "a", count: 42) + "=",
    String(repeating: "é", count: 43),
  ])
  func aPathNotShapedLikeATokenIsRefusedBeforeTheDatabaseIsAsked(path: String) {
    #expect(InvitationToken(link: path) == nil)
  }

  @Test func theDatabaseKeepsOnlyAHashThatDependsOnTheWholeToken() throws {
    let token = try #require(InvitationToken(link: String(repeating: "A", count: 43)))
    let other = try #require(InvitationToken(link: String(repeating: "A", count: 42) + "B"))
    #expect(token.hash.count == 64 && !token.hash.contains(token.text))
    #expect(token.hash != other.hash)
  }

  @Test(arguments: [
    ("https://school.example", true), ("https://school.example/", true),
    ("http://localhost:8080", true), ("http://127.0.0.1", true),
    ("http://school.example", false), ("https://school.example/?a=1", false),
    ("https://school.example/#top", false), ("https://user:pw@school.example", false),
    ("ftp://school.example", false), ("school.example", false),
  ])
  func linksAreMadeOnlyUnderAnAddressAParentCanOpenSafely(address: String, accepted: Bool) {
    #expect((InvitationBase(address) != nil) == accepted, "\(address)")
  }
}
