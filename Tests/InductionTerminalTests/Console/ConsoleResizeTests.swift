import InductionTerminal
import Testing

@Suite("Console: a resized window")
struct ConsoleResizeTests {
  @Test func eachParagraphIsWrappedToTheWidthTheTerminalHasNow() {
    // Given a console on a terminal 50 columns wide
    let output = BufferOutput()
    var columns = 50
    let console = Console(output: output, width: 80, isTerminal: true, measure: { columns })
    let text: TerminalText =
      "Type guidance to read the guidance again, or language for another language."

    // When the window is narrowed to 34 columns between two paragraphs
    console.paragraph(text)
    columns = 34
    console.paragraph(text)

    // Then each is wrapped at word boundaries to the width of its moment, never past it
    #expect(
      output.text == """
        Type guidance to read the guidance again, or
        language for another language.
        Type guidance to read the guidance
        again, or language for another
        language.

        """)
    // And a heading is wrapped too
    let narrow = BufferOutput()
    Console(output: narrow, width: 20).heading("Question 3 of 16: Private messages")
    #expect(narrow.text == "Question 3 of 16:\nPrivate messages\n=================\n")
    // And a width the terminal cannot tell falls back to the one given
    let unmeasured = Console(output: BufferOutput(), width: 60, isTerminal: true, measure: { nil })
    #expect(unmeasured.width == 60)
  }
}
