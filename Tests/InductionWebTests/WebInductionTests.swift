import Foundation
import Hummingbird
import HummingbirdTesting
import InductionCore
import InductionWeb
import TestSupport
import Testing

@Suite("The induction on the web")
struct WebInductionTests {
  @Test func aParentCompletesTheInductionWithAWrongAnswerAndSignsAWebEntry() async throws {
    // Given the fixture school served on the web
    let fixture = try WebFixture()

    try await fixture.test { web in
      // When a parent opens the page and goes through, answering the second scenario wrongly first
      try await web.open()
      #expect(web.heading == "Welcome to Test School")
      #expect(web.page.contains("<html lang=\"en\">"))
      try await web.send("")
      #expect(web.heading == "Test Guidance (1 of 2)")
      try await web.send("")
      try await web.send("")
      #expect(web.heading == "Question 1 of 2: First")
      #expect(
        web.page.contains("<legend class=\"fieldset__legend heading-m\">What do you do?</legend>"))
      try await web.send("1")
      #expect(web.heading.contains("That&#39;s right.") || web.heading.contains("That's right."))
      try await web.send("")
      try await web.send("1")
      #expect(web.heading.contains("Not quite."))
      #expect(web.page.contains("We will come back to this one at the end."))
      try await web.send("")
      #expect(web.page.contains("Let&#39;s look again"))
      #expect(web.heading == "Question 2 of 2, again: Second")
      try await web.send("1")
      try await web.send("")
      #expect(web.page.contains("You got 1 of 2 right first time"))
      try await web.send("")
      #expect(web.page.contains("<label class=\"label\" for=\"answer\">Your full name</label>"))
      try await web.send("Zoë Ní Bhriain")
      #expect(web.page.contains("How are you related to the child or children?"))
      try await web.send("1")
      try await web.send("Siobhán O'Neil-Smith")
      #expect(web.page.contains("Reception (Blue)</label>"))
      try await web.send("1")
      try await web.send("no")
      #expect(web.page.contains("<dd>Zoë Ní Bhriain (parent)</dd>"))
      try await web.send("yes")
      #expect(web.heading == "Your acknowledgement")
      try await web.send("zoë  ní bhriain")
      try await web.send("yes")

      // Then the confirmation panel shows the reference that was stored, as a web signing
      #expect(web.page.contains("<h1 class=\"panel__title\">Thank you</h1>"))
      let entries = try fixture.database.signedEntries()
      #expect(entries.count == 1)
      let entry = try #require(entries.first)
      #expect(entry.mode == "web" && entry.station == "Website")
      #expect(entry.firstTryCorrect == 1 && entry.attemptCount == 3)
      #expect(web.page.contains("<strong class=\"reference\">\(entry.displayReference)</strong>"))
      #expect(
        try fixture.database.verifyLedger() == VerificationReport(entryCount: 2, damage: nil))
      // And no page ever carried a name in its address or a form's target
      #expect(!web.page.contains("action=\"/induction?"))
    }
  }

  @Test func anUnusableAnswerIsNamedInTheErrorSummaryLinkedToTheField() async throws {
    let fixture = try WebFixture()
    try await fixture.test { web in
      try await web.open()
      try await web.send("")
      try await web.send("")
      try await web.send("")
      // No choice picked
      try await web.send(nil)
      #expect(
        web.page.contains("<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus"))
      #expect(web.page.contains("<a href=\"#answer\">Please type a number from 1 to 3.</a>"))
      #expect(web.page.contains("id=\"answer\" name=\"answer\" type=\"radio\""))
      #expect(web.heading == "Question 1 of 2: First")
    }
  }

  @Test func aFormWithoutTheSessionsTokenChangesNothing() async throws {
    let fixture = try WebFixture()
    try await fixture.test { web in
      try await web.open()
      let forged = try await web.send("", csrf: String(repeating: "0", count: 64))
      #expect(forged == .forbidden)
      let missing = try await web.send("", csrf: "")
      #expect(missing == .forbidden)
      try await web.load()
      #expect(web.heading == "Welcome to Test School")
      #expect(try fixture.database.sessionOutcomes() == [])
    }
  }

  @Test func aFormSentAgainFromAnOldPageIsNotAppliedTwice() async throws {
    let fixture = try WebFixture()
    try await fixture.test { web in
      try await web.open()
      try await web.send("")
      try await web.send("")
      try await web.send("")
      let questionPage = web.token("page")
      try await web.send("1")
      #expect(web.heading.contains("right"))
      // The same answer sent again from the question's page (the back button, a double click)
      try await web.send("1", pageNumber: questionPage)
      #expect(web.page.contains("That page had already been answered, so nothing was changed."))
      #expect(web.heading.contains("right"))
      #expect(try fixture.database.quizAttempts().count == 1)
    }
  }

  @Test func anIdleSessionExpiresUnsignedAndOffersAFreshStart() async throws {
    let fixture = try WebFixture()
    let clock = fixture.clock
    try await fixture.test { web in
      try await web.open()
      try await web.send("")
      clock.advance(1201)
      try await web.load()
      #expect(web.heading.contains("Your session ended because nothing happened for a while."))
      #expect(try fixture.database.sessionOutcomes() == [.timedOut])
      #expect(try fixture.database.signedEntries().isEmpty)
    }
  }

  @Test func aPolishParentSeesPolishPagesWithTheirLanguageTagged() async throws {
    let fixture = try WebFixture(content: Fixtures.content())
    try await fixture.test { web in
      try await web.open()
      #expect(web.page.contains("lang=\"pl\">Polski</button>"))
      try await web.send("2")
      #expect(web.page.contains("<html lang=\"pl\">"))
      #expect(web.page.contains(">Rozpocznij</button>"))
      try await web.send("")
      #expect(web.heading.hasPrefix("Wskazówki testowe (1 z 2)"))
    }
  }

  @Test func everyResponseForbidsScriptsFramesAndCaching() async throws {
    let fixture = try WebFixture()
    let router = try WebApplication.router(frontEnd: fixture.frontEnd)
    try await Application(router: router).test(.router) { client in
      let response = try await client.execute(uri: "/", method: .get)
      #expect(
        response.headers[.contentSecurityPolicy]
          == "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
      #expect(response.headers[.cacheControl] == "no-store")
      let cookie = try #require(response.headers[.setCookie])
      #expect(cookie.contains("HttpOnly") && cookie.contains("Secure"))
      #expect(cookie.contains("SameSite=Strict"))
    }
  }
}
