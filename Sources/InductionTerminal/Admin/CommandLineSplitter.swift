/// Splits an admin line into words like a shell: spaces separate, quotes group, backslash escapes.
public enum CommandLineSplitter {
  /// A quote was opened and never closed (or the line ends in a backslash).
  public struct UnclosedQuote: Error, Equatable {}

  /// The words of `line`.
  public static func split(_ line: String) throws -> [String] {
    var words: [String] = []
    var current = ""
    var inWord = false
    var quote: Character?
    var escaped = false
    for character in line {
      if escaped {
        current.append(character)
        escaped = false
      } else if character == "\\" && quote != "'" {
        escaped = true
        inWord = true
      } else if let open = quote {
        if character == open { quote = nil } else { current.append(character) }
      } else if character == "\"" || character == "'" {
        quote = character
        inWord = true
      } else if character.isWhitespace {
        if inWord { words.append(current) }
        current = ""
        inWord = false
      } else {
        current.append(character)
        inWord = true
      }
    }
    if quote != nil || escaped { throw UnclosedQuote() }
    if inWord { words.append(current) }
    return words
  }
}
