import Foundation

/// The school's guidance as parents read it, parsed from `Scenarios/guidance.md`.
///
/// The format is deliberately small: an optional `# Title` line, paragraphs separated by blank lines,
/// and one bullet list (`- ` lines) after the paragraph that ends "must be avoided" — those bullets
/// are the prohibited examples every scenario quotes.
public struct Guidance: Sendable, Equatable, Codable {
  /// One prohibited example and the line of `guidance.md` it stands on.
  public struct Example: Sendable, Equatable, Codable {
    /// The bullet's text, without the leading `- `.
    public var text: String
    /// 1-based line number in `guidance.md`.
    public var line: Int
  }

  /// A run of text shown to parents as one block.
  public enum Block: Sendable, Equatable, Codable {
    /// A paragraph of prose.
    case paragraph(String)
    /// A bulleted list.
    case bullets([String])
  }

  /// The heading, or "Guidance" when the file has none.
  public var title: String
  /// The paragraphs and lists, in order.
  public var blocks: [Block]
  /// The bullets after "must be avoided".
  public var prohibitedExamples: [Example]
  /// SHA-256 of the file's exact bytes, lower-case hex: the guidance version.
  public var sha256: String

  /// Parses guidance text. Never fails: what is missing is for ``ScenarioLinter`` to report.
  public init(text: String) {
    sha256 = Digest.sha256Hex(text)
    var title = "Guidance"
    var blocks: [Block] = []
    var examples: [Example] = []
    var paragraph: [String] = []
    var bullets: [(String, Int)] = []
    var listIsProhibited = false

    func flushParagraph() {
      guard !paragraph.isEmpty else { return }
      let text = paragraph.joined(separator: " ")
      blocks.append(.paragraph(text))
      listIsProhibited = text.lowercased().contains("must be avoided")
      paragraph = []
    }
    func flushBullets() {
      guard !bullets.isEmpty else { return }
      blocks.append(.bullets(bullets.map(\.0)))
      if listIsProhibited && examples.isEmpty {
        examples = bullets.map { Example(text: $0.0, line: $0.1) }
      }
      bullets = []
    }

    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for (index, rawLine) in lines.enumerated() {
      let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
      if line.hasPrefix("# ") && blocks.isEmpty && paragraph.isEmpty {
        title = String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces)
      } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
        flushParagraph()
        bullets.append((String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces), index + 1))
      } else if line.isEmpty {
        flushParagraph()
        flushBullets()
      } else {
        flushBullets()
        paragraph.append(line)
      }
    }
    flushParagraph()
    flushBullets()
    self.title = title
    self.blocks = blocks
    self.prohibitedExamples = examples
  }
}
