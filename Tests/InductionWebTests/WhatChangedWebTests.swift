import Foundation
import Hummingbird
import HummingbirdTesting
import InductionCore
import InductionWeb
import TestSupport
import Testing

@Suite("A returning parent on the web: what changed")
struct WhatChangedWebTests {
  @Test func aParentWhoSignedBeforeTypesTheirReferenceAndSeesTheRewordedParagraphMarked()
    async throws
  {
    // Given the school's guidance reworded since a parent signed it
    let changedText = Fixtures.guidanceText.replacingOccurrences(
      of: "Talk to us first.", with: "Talk to us or the office first.")
    var catalog = Fixtures.catalog
    catalog.guidance = Guidance(text: changedText)
    let fixture = try WebFixture(
      content: SchoolContent(catalog: catalog, guidanceText: changedText))
    let builder = try LedgerBuilder(database: fixture.database)
    let signed = try builder.sign(
      parent: "Ann Able", children: [("Amy Able", "Year 1")],
      at: LedgerBuilder.utc("2026-09-01 09:00"))

    try await fixture.test { web in
      // When they open the page, begin, and are asked for their reference
      try await web.open()
      try await web.send("")
      #expect(web.heading == "The guidance has been updated")
      // A reference nobody has is named in the error summary and asked again
      try await web.send("ZZZZ-ZZZZ")
      #expect(web.page.contains("class=\"error-summary\""))
      try await web.send(signed.displayReference)

      // Then the reworded paragraph shows its new words marked, and what it said before
      #expect(
        web.page.contains("Talk to us <ins>[or the office]</ins> first."), "\(web.page)")
      #expect(web.page.contains("Before, it said: Talk to us first."))
      // And the reference is nowhere in the page's address or forms
      #expect(!web.page.contains("value=\"\(signed.displayReference)\""))
    }
  }
}
