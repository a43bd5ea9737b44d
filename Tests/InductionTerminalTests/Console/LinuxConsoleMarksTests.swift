import InductionTerminal
import TestSupport
import Testing

@Suite("Console: marks on the Linux console")
struct LinuxConsoleMarksTests {
  @Test func theLinuxConsoleGetsMarksItsFontsCanDraw() {
    let console = Console(output: BufferOutput())
    console.isLinuxConsole = true
    #expect(console.drawable("✓ That's right.").rendered == "+ That's right.")
    #expect(console.drawable("✗ Nie do końca.").rendered == "× Nie do końca.")
    // Welsh and Polish letters are left for the console font to draw
    #expect(console.drawable("✓ Ŵyr ŷd żółw").rendered == "+ Ŵyr ŷd żółw")
  }

  @Test func otherTerminalsKeepTheMarks() {
    let console = Console(output: BufferOutput())
    #expect(console.drawable("✓ That's right.").rendered == "✓ That's right.")
  }
}
