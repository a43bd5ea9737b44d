import InductionTerminal
import Testing

/// Wrapping and alignment count terminal columns: combining marks none, wide characters and emoji
/// two, everything else one.
@Suite("Display width")
struct DisplayWidthTests {
  @Test(arguments: [
    ("Łódź", 4),
    ("Dŵr", 3),
    ("n\u{303}", 1),  // n with a combining tilde: one column, two scalars
    ("e\u{301}\u{323}", 1),  // two combining marks
    ("学校", 4),
    ("😀", 2),
    ("👩\u{200D}👧", 2),  // a ZWJ sequence
    ("🇵🇱", 2),  // a flag: two regional indicators
    ("Ｚｏｅ", 6),  // full-width Latin
    ("abc", 3),
  ])
  func columnsAreCountedAsATerminalShowsThem(text: String, columns: Int) {
    #expect(DisplayWidth.of(text) == columns)
  }

  @Test func combiningMarksTakeNoColumnsWhenWrapping() {
    // Given a word of 5 columns written with combining marks (9 scalars)
    let word = "Zo\u{0065}\u{0308}e\u{0301}e\u{0323}"
    #expect(DisplayWidth.of(word) == 5)
    let line = [word, word, word].joined(separator: " ")
    // When three are wrapped to 17 columns, and to 16
    // Then all three fit in 17 (5 + 1 + 5 + 1 + 5), two in 16
    #expect(Console.wrap(line, width: 17) == line)
    #expect(Console.wrap(line, width: 16) == "\(word) \(word)\n\(word)")
  }

  @Test func wideCharactersTakeTwoColumnsWhenWrapping() {
    // Given Chinese words of 4 columns each (2 characters)
    let text = "学校 学校 学校 学校"
    // When wrapped to 10 columns
    // Then two fit on a line (4 + 1 + 4 = 9), not four as `count` (2 + 1 + 2 …) would allow
    #expect(Console.wrap(text, width: 10) == "学校 学校\n学校 学校")
  }

  @Test func aWordWiderThanTheLineIsCutAtAColumnNeverInsideACharacter() {
    // Given a run of wide characters longer than the line, and one with combining marks
    #expect(Console.wrap("学校学校学校学校学校学校", width: 10) == "学校学校学\n校学校学校\n学校")
    let accented = String(repeating: "n\u{303}", count: 12)
    #expect(
      Console.wrap(accented, width: 10)
        == String(repeating: "n\u{303}", count: 10) + "\n" + String(repeating: "n\u{303}", count: 2)
    )
  }

  @Test func aHeadingIsUnderlinedToItsWidth() {
    // Given a console that is not a terminal
    let output = BufferOutput()
    let console = Console(output: output, width: 60)
    // When headings with wide and combining characters are written
    console.heading("学校")
    console.heading("Cyfle i\u{0302}")
    // Then each underline is as wide as the heading on screen
    #expect(output.text == "学校\n====\nCyfle i\u{0302}\n=======\n")
  }
}
