import InductionCore
import InductionTerminal
import TestSupport
import Testing

@Suite("A returning parent: what changed")
struct WhatChangedTranscriptTests {
  @Test func aRewordedParagraphMarksTheChangedWordsAndWhatItSaidBefore() throws {
    // Given a parent who signed the fixture guidance
    let first = try TestSession(
      lines: ["", "", "", "1", "", "2", "", ""] + [
        "Zoë Ní Bhriain", "1", "Siobhán O'Neil-Smith", "Reception (Blue)", "no", "yes",
        "Zoë Ní Bhriain", "yes",
      ])
    guard case .signed(let entry) = try first.run() else {
      Issue.record("expected a signing")
      return
    }

    // When the first paragraph is reworded and they come back with their reference
    let changedText = Fixtures.guidanceText.replacingOccurrences(
      of: "Talk to us first.", with: "Talk to us or the office first.")
    var catalog = Fixtures.catalog
    catalog.guidance = Guidance(text: changedText)
    let second = try TestSession(
      script: [.line(entry.displayReference)], database: first.database)
    _ = try second.run(content: SchoolContent(catalog: catalog, guidanceText: changedText))

    // Then the reworded paragraph is shown with its new words in brackets, and what it said
    #expect(
      second.transcript.text.contains(
        """
        Since you signed, this has been reworded (the changed words
        are in [brackets]):
          * Talk to us [or the office] first.
            Before, it said: Talk to us first.
        """), "\(second.transcript.text)")
    #expect(!second.transcript.text.contains("Since you signed, this is new:"))
  }
}
