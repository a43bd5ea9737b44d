import Foundation

/// The school's guidance as parents read it, parsed from `Scenarios/guidance.md`.
///
/// The format is deliberately small: an optional `# Title` line, paragraphs separated by blank lines,
/// and one bullet list (`- ` lines) after the paragraph that ends "must be avoided" — those bullets
/// are the prohibited examples every scenario quotes. A translation's guidance does not say "must be
/// avoided" in English, so its prohibited examples are the bullet list in the same position as the
/// English one (see ``init(text:examplesFromList:)``).
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
  /// The bullets after "must be avoided" (or of the list chosen by position, for a translation).
  public var prohibitedExamples: [Example]
  /// Every bullet list in order, each bullet with its line.
  public var bulletLists: [[Example]]
  /// Which of ``bulletLists`` holds the prohibited examples (0-based), when one does.
  public var prohibitedListIndex: Int?
  /// SHA-256 of the file's exact bytes, lower-case hex: the guidance version.
  public var sha256: String

  /// Parses guidance text. Never fails: what is missing is for ``ScenarioLinter`` to report.
  public init(text: String) {
    self.init(text: text, listChoice: nil)
  }

  /// Parses a translation's guidance, whose prohibited examples are the bullet list at
  /// `listIndex` (0-based, counting bullet lists): the position of the English guidance's list.
  public init(text: String, examplesFromList listIndex: Int) {
    self.init(text: text, listChoice: listIndex)
  }

  private init(text: String, listChoice: Int?) {
    sha256 = Digest.sha256Hex(text)
    var title = "Guidance"
    var blocks: [Block] = []
    var lists: [[Example]] = []
    var prohibitedIndex: Int?
    var paragraph: [String] = []
    var bullets: [Example] = []
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
      blocks.append(.bullets(bullets.map(\.text)))
      if listChoice == nil && listIsProhibited && prohibitedIndex == nil {
        prohibitedIndex = lists.count
      }
      lists.append(bullets)
      bullets = []
    }

    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for (index, rawLine) in lines.enumerated() {
      let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
      if line.hasPrefix("# ") && blocks.isEmpty && paragraph.isEmpty {
        title = String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces)
      } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
        flushParagraph()
        bullets.append(
          Example(
            text: String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces), line: index + 1))
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
    if let listChoice, lists.indices.contains(listChoice) { prohibitedIndex = listChoice }
    self.title = title
    self.blocks = blocks
    self.bulletLists = lists
    self.prohibitedListIndex = prohibitedIndex
    self.prohibitedExamples = prohibitedIndex.map { lists[$0] } ?? []
  }
}
