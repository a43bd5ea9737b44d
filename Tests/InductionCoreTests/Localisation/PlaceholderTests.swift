import Testing

@testable import InductionCore

/// Filling `{name}` placeholders by hand gives exactly what the regular expression it replaced gave.
@Suite("Placeholders")
struct PlaceholderTests {
  /// The regular expression the scanner replaced: the reference.
  static func referenceFill(_ text: String, _ values: [String: String]) -> String {
    text.replacing(/\{([a-z_]+)\}/) { match in values[String(match.1)] ?? String(match.0) }
  }

  static let values = ["name": "Zoë", "n": "{name}", "school_name": "Ysgol Gymraeg", "x": ""]

  @Test(arguments: [
    "", "no braces at all", "{name}", "Dear {name}, welcome to {school_name}.",
    "{{name}}", "{name", "name}", "{}", "{Name}", "{unknown} stays", "{n} is not filled again",
    "{x}{x}{x}", "ŵ{name}ŷ – {school_name}!", "{ name }", "{na-me}", "}{name}{",
    "{name}{", "{{{", "a{b{name}c}d",
  ])
  func fillsAsTheRegularExpressionDid(text: String) {
    #expect(Placeholders.fill(text, Self.values) == Self.referenceFill(text, Self.values))
  }

  @Test func fillsRandomTextsAsTheRegularExpressionDid() {
    var generator = SplitMix64(seed: 20_261_205)
    let pieces = ["{", "}", "name", "n", "x", "school_name", "Name", " ", "é", "_", "-", "{name}"]
    for _ in 0..<2_000 {
      let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
        pieces.randomElement(using: &generator)!
      }.joined()
      #expect(Placeholders.fill(text, Self.values) == Self.referenceFill(text, Self.values))
      #expect(
        StringCatalogue.placeholders(in: text)
          == text.matches(of: /\{([a-z_]+)\}/).map { String($0.1) }.sorted())
    }
  }
}
