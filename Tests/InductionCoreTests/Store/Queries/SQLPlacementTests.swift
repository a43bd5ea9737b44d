import Foundation
import TestSupport
import Testing

@Suite("SQL placement")
struct SQLPlacementTests {
  @Test func everyStatementOfTheProgramIsInTheStore() throws {
    // Statements begin this way (or pass through an `sql:` argument).
    let statement =
      #/sql:|"\s*(SELECT|INSERT INTO|DELETE FROM|UPDATE \w+ SET|WITH \w+ AS)\b|^\s*(SELECT|INSERT INTO|DELETE FROM|UPDATE \w+ SET) /#
    let sources = BuiltBinary.packageRoot.appendingPathComponent("Sources")
    let store = sources.appendingPathComponent("InductionCore/Store").path + "/"
    var outside: [String] = []
    let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
    while let file = files?.nextObject() as? URL {
      guard file.pathExtension == "swift", !file.path.hasPrefix(store) else { continue }
      let text = try String(contentsOf: file, encoding: .utf8)
      for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
        .enumerated() where line.contains(statement)
      {
        outside.append("\(file.path.dropFirst(sources.path.count + 1)):\(number + 1)")
      }
    }
    #expect(outside == [], "SQL outside Sources/InductionCore/Store/")
  }
}
