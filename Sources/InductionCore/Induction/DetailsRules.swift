/// The rules for what a parent types about themselves and their children.
public enum DetailsRules {
  /// The relationships offered, as recorded, with the key of each one's label.
  public static let relationships: [(word: String, label: PhraseKey)] = [
    ("parent", .relationshipParent), ("carer", .relationshipCarer),
    ("guardian", .relationshipGuardian), ("other", .relationshipSomeoneElse),
  ]
  /// The most children one signing names.
  public static let maximumChildren = 10
  /// The longest name accepted, in characters.
  public static let maximumNameLength = 100

  /// Why a typed name cannot be used (the key of the sentence that says so), or nil when it can.
  public static func nameProblem(_ name: String) -> (key: PhraseKey, values: [String: String])? {
    if name.isEmpty { return (.nameEmpty, [:]) }
    if Sanitiser.containsUnsafe(name) || name.contains("\u{FFFD}")
      || NameNormalisation.invisibleCharacter(in: name) != nil
    {
      return (.nameUnusable, [:])
    }
    if name.count > maximumNameLength {
      return (.nameTooLong, ["count": String(maximumNameLength)])
    }
    if !name.contains(where: \.isLetter) { return (.nameNoLetter, [:]) }
    return nil
  }

  /// A recorded relationship as the parent reads it: the offered ones in their language.
  static func relationshipShown(_ word: String, phrases: Phrases) -> String {
    guard let offered = relationships.first(where: { $0.word == word }) else { return word }
    return phrases.word(offered.label)
  }
}

extension SchoolContent {
  /// The language `typed` names: its number in the list, its own or English name, or its tag.
  public func language(for typed: String) -> Language? {
    let text = typed.trimmingCharacters(in: .whitespaces)
    if let number = Int(text) {
      return languages.indices.contains(number - 1) ? languages[number - 1] : nil
    }
    let key = NameNormalisation.matchKey(text)
    return languages.first {
      NameNormalisation.matchKey($0.name) == key
        || NameNormalisation.matchKey($0.englishName) == key
        || $0.tag.lowercased() == text.lowercased()
    }
  }
}

extension Guidance {
  /// The guidance split into pages: each paragraph, with a list kept beside the paragraph before it.
  public var pages: [[Block]] {
    var pages: [[Block]] = []
    for block in blocks {
      if case .bullets = block, !pages.isEmpty {
        pages[pages.count - 1].append(block)
      } else {
        pages.append([block])
      }
    }
    return pages
  }
}
