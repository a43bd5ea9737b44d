/// What changed between two versions of the guidance, block by block (paragraphs and bullets), so a
/// returning parent reads only what is new.
public struct GuidanceChanges: Sendable, Equatable {
  /// Paragraphs and bullets in the new version that the old one did not have.
  public var added: [String]
  /// Paragraphs and bullets the old version had that are gone.
  public var removed: [String]
  /// Paragraphs and bullets that were reworded: each new one paired with the old one it shares
  /// most of its words with, word by word.
  public var edited: [EditedText]

  /// Compares `old` with `new`.
  public init(from old: Guidance, to new: Guidance) {
    let before = Self.items(old)
    let after = Self.items(new)
    var added = after.filter { !before.contains($0) }
    var removed = before.filter { !after.contains($0) }
    var edited: [EditedText] = []
    // Each new text takes the first old one it is an edit of, in reading order.
    var index = 0
    while index < added.count {
      if let match = removed.indices.lazy.compactMap({ old in
        EditedText(from: removed[old], to: added[index]).map { (old, $0) }
      }).first {
        edited.append(match.1)
        removed.remove(at: match.0)
        added.remove(at: index)
      } else {
        index += 1
      }
    }
    self.added = added
    self.removed = removed
    self.edited = edited
  }

  /// Whether anything a parent reads changed.
  public var isEmpty: Bool { added.isEmpty && removed.isEmpty && edited.isEmpty }

  private static func items(_ guidance: Guidance) -> [String] {
    guidance.blocks.flatMap { block -> [String] in
      switch block {
      case .paragraph(let text): [text]
      case .bullets(let items): items
      }
    }
  }
}
