/// A paragraph or bullet that was edited rather than replaced: its new and old wording, word by
/// word, so a returning parent sees which few words changed.
public struct EditedText: Sendable, Equatable, Codable {
  /// A run of words, and whether it is in both versions or only in one.
  public struct Piece: Sendable, Equatable, Codable {
    /// The words, joined by single spaces.
    public var text: String
    /// Whether the run is in both versions (false: only in this one).
    public var isSame: Bool

    /// A run.
    public init(_ text: String, isSame: Bool) {
      self.text = text
      self.isSame = isSame
    }
  }

  /// The new wording, with the words that are new marked (`isSame == false`).
  public var now: [Piece]
  /// The old wording, with the words that went marked.
  public var before: [Piece]

  /// The word-by-word comparison of `old` with `new`, or nil when they share too few words to be
  /// one text edited (then they are shown as one taken out and one added).
  public init?(from old: String, to new: String) {
    let oldWords = old.split(whereSeparator: \.isWhitespace).map(String.init)
    let newWords = new.split(whereSeparator: \.isWhitespace).map(String.init)
    guard !oldWords.isEmpty, !newWords.isEmpty else { return nil }
    let (keptOld, keptNew) = Self.commonWords(oldWords, newWords)
    // Edited when at least half the words are the same (Dice's coefficient on the common words).
    guard 2 * keptNew.count >= (oldWords.count + newWords.count) / 2 else { return nil }
    now = Self.pieces(newWords, kept: keptNew)
    before = Self.pieces(oldWords, kept: keptOld)
  }

  /// The positions in each list of a longest common subsequence of words.
  private static func commonWords(_ a: [String], _ b: [String]) -> (Set<Int>, Set<Int>) {
    var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
      for j in stride(from: b.count - 1, through: 0, by: -1) {
        lengths[i][j] =
          a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
      }
    }
    var keptA = Set<Int>()
    var keptB = Set<Int>()
    var i = 0
    var j = 0
    while i < a.count && j < b.count {
      if a[i] == b[j] {
        keptA.insert(i)
        keptB.insert(j)
        i += 1
        j += 1
      } else if lengths[i + 1][j] >= lengths[i][j + 1] {
        i += 1
      } else {
        j += 1
      }
    }
    return (keptA, keptB)
  }

  /// `words` as runs of kept and changed words.
  private static func pieces(_ words: [String], kept: Set<Int>) -> [Piece] {
    var pieces: [Piece] = []
    for (index, word) in words.enumerated() {
      let isSame = kept.contains(index)
      if let last = pieces.last, last.isSame == isSame {
        pieces[pieces.count - 1].text += " " + word
      } else {
        pieces.append(Piece(word, isSame: isSame))
      }
    }
    return pieces
  }
}
