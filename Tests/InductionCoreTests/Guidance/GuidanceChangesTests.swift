import InductionCore
import Testing

@Suite("What changed in the guidance")
struct GuidanceChangesTests {
  static func guidance(_ paragraph: String, _ bullets: [String]) -> Guidance {
    Guidance(
      text: "# G\n\n\(paragraph)\n\nAvoid:\n\n" + bullets.map { "- \($0)\n" }.joined())
  }

  @Test func aRewordedTextIsShownWordByWordAndANewOneAsNew() {
    // Given a paragraph reworded, one bullet unchanged, one replaced by something else entirely
    let old = Self.guidance(
      "Please talk to the class teacher first.", ["Posting photos of staff.", "Naming children."])
    let new = Self.guidance(
      "Please talk to the class teacher or the office first.",
      ["Posting photos of staff.", "Sharing screenshots of group chats."])

    // When they are compared
    let changes = GuidanceChanges(from: old, to: new)

    // Then the paragraph is one edit with only its new words marked, and the bullet is new
    #expect(changes.added == ["Sharing screenshots of group chats."])
    #expect(changes.removed == ["Naming children."])
    #expect(
      changes.edited == [
        EditedText(
          from: "Please talk to the class teacher first.",
          to: "Please talk to the class teacher or the office first.")!
      ])
    let edit = changes.edited[0]
    #expect(
      edit.now == [
        .init("Please talk to the class teacher", isSame: true),
        .init("or the office", isSame: false), .init("first.", isSame: true),
      ])
    #expect(edit.before == [.init("Please talk to the class teacher first.", isSame: true)])
    #expect(!changes.isEmpty)
    #expect(GuidanceChanges(from: old, to: old).isEmpty)
  }

  @Test func textsSharingFewerThanHalfTheirWordsAreNotAnEdit() {
    #expect(EditedText(from: "Naming children.", to: "Sharing screenshots of group chats.") == nil)
    #expect(EditedText(from: "", to: "Anything.") == nil)
    let swapped = EditedText(from: "Do not post about staff.", to: "Do not post about teachers.")
    #expect(swapped?.before.map(\.isSame) == [true, false])
    #expect(swapped?.now.last == .init("teachers.", isSame: false))
  }
}
