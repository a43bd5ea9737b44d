import CLocale

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How many terminal columns text takes, from the C library's `wcwidth`: combining marks take none,
/// East Asian wide characters and emoji two, everything else one. Wrapping and alignment use this,
/// never `count`, so "Łódź", "Dŵr", "ñ" written with a combining tilde, and "学校" line up.
public enum DisplayWidth {
  /// A UTF-8 character-type locale of its own, so widths do not depend on the process locale (tests,
  /// or a terminal set to plain C, which `TerminalLocale.adopt()` widens to C.UTF-8 for input).
  private nonisolated(unsafe) static let utf8Locale: locale_t? = newlocale(
    LC_CTYPE_MASK, "C.UTF-8", nil)

  /// The columns `text` takes on a terminal.
  public static func of(_ text: some StringProtocol) -> Int {
    withUTF8Locale { text.reduce(0) { $0 + width(of: $1) } }
  }

  /// The columns one character (grapheme cluster) takes: that of its widest scalar, so a letter
  /// with combining marks takes one and an emoji sequence joined by ZWJ takes two; a pair of
  /// regional indicators (a flag) takes two.
  public static func of(character: Character) -> Int {
    withUTF8Locale { width(of: character) }
  }

  private static func width(of character: Character) -> Int {
    let scalars = character.unicodeScalars
    if scalars.count == 2, scalars.allSatisfy({ (0x1F1E6...0x1F1FF).contains($0.value) }) {
      return 2
    }
    var widest = 0
    for scalar in scalars {
      // Control characters never reach the screen raw (the sanitiser escapes them): count none.
      widest = max(widest, Int(induction_wcwidth(scalar.value)))
    }
    return widest
  }

  private static func withUTF8Locale<T>(_ body: () -> T) -> T {
    guard let utf8Locale else { return body() }
    let previous = uselocale(utf8Locale)
    defer { uselocale(previous) }
    return body()
  }

  /// The longest prefix of `text` that fits in `columns`, and the rest (at least one character is
  /// taken, so a character wider than `columns` still makes progress).
  public static func split(_ text: Substring, columns: Int) -> (Substring, Substring) {
    var used = 0
    var end = text.startIndex
    withUTF8Locale {
      while end < text.endIndex {
        let next = width(of: text[end])
        if used + next > columns && end > text.startIndex { break }
        used += next
        end = text.index(after: end)
      }
    }
    return (text[..<end], text[end...])
  }
}
