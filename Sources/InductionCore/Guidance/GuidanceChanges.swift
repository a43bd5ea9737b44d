/// What changed between two versions of the guidance, block by block (paragraphs and bullets), so a
/// returning parent reads only what is new.
public struct GuidanceChanges: Sendable, Equatable {
  /// Paragraphs and bullets in the new version that the old one did not have.
  public var added: [String]
  /// Paragraphs and bullets the old version had that are gone.
  public var removed: [String]

  /// Compares `old` with `new`.
  public init(from old: Guidance, to new: Guidance) {
    let before = Self.items(old)
    let after = Self.items(new)
    added = after.filter { !before.contains($0) }
    removed = before.filter { !after.contains($0) }
  }

  /// Whether anything a parent reads changed.
  public var isEmpty: Bool { added.isEmpty && removed.isEmpty }

  private static func items(_ guidance: Guidance) -> [String] {
    guidance.blocks.flatMap { block -> [String] in
      switch block {
      case .paragraph(let text): [text]
      case .bullets(let items): items
      }
    }
  }
}
