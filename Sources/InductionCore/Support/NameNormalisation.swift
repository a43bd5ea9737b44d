import Foundation

/// How people's names and class names are compared: Unicode NFC, outer spaces trimmed, runs of white
/// space collapsed to one space, and (for matching) case, apostrophes and hyphens folded.
public enum NameNormalisation {
  /// NFC with trimmed and collapsed white space: the form in which names are stored.
  public static func tidy(_ text: String) -> String {
    text.precomposedStringWithCanonicalMapping
      .split(whereSeparator: { $0.isWhitespace })
      .joined(separator: " ")
  }

  /// The key two names are compared by: invisible characters removed, ``tidy(_:)``, case-folded,
  /// then every apostrophe people type (’ ʼ ′ ‘ ` ´) read as ' and every hyphen or dash (‐ ‑ – —)
  /// as -. So a visible spelling finds a name stored with a zero-width space or a soft hyphen in it
  /// (names typed before such characters were refused), and `seán o’brien` typed on a phone finds
  /// `Seán O'Brien` on the roster.
  public static func matchKey(_ text: String) -> String {
    foldingPunctuation(keyBeforePunctuationFold(text))
  }

  /// ``matchKey(_:)`` as it was before apostrophes and hyphens were folded (migration
  /// `v9-folded-match-keys`): only for finding what was stored with it.
  static func keyBeforePunctuationFold(_ text: String) -> String {
    var visible = ""
    visible.unicodeScalars.append(contentsOf: text.unicodeScalars.filter { !isInvisible($0) })
    return tidy(visible).folding(options: [.caseInsensitive], locale: nil)
      .precomposedStringWithCanonicalMapping
  }

  /// `key` with every apostrophe variant replaced by ' and every hyphen or dash variant by -.
  /// None of them has a case or combines with a mark, so this can follow the rest of the fold: a
  /// key stored before it gains it by this alone.
  static func foldingPunctuation(_ key: String) -> String {
    var folded = ""
    folded.unicodeScalars.append(
      contentsOf: key.unicodeScalars.map { punctuationFold[$0] ?? $0 })
    return folded
  }

  /// The apostrophes and hyphens people type for ' and -, by keyboard, phone or word processor.
  static let punctuationFold: [Unicode.Scalar: Unicode.Scalar] = [
    "\u{2019}": "'", "\u{2018}": "'", "\u{201B}": "'", "\u{02BC}": "'", "\u{2032}": "'",
    "\u{0060}": "'", "\u{00B4}": "'", "\u{FF07}": "'",
    "\u{2010}": "-", "\u{2011}": "-", "\u{2012}": "-", "\u{2013}": "-", "\u{2014}": "-",
    "\u{2212}": "-", "\u{FF0D}": "-",
  ]

  /// The first character of `name` that has no place in a person's or a class's name: invisible
  /// and formatting characters (zero-width spaces and joiners, soft hyphens, word joiners, tag
  /// characters, Hangul fillers, a variation selector with nothing to vary), private-use,
  /// unassigned and non-characters. nil when there is none.
  public static func invisibleCharacter(in name: String) -> Unicode.Scalar? {
    var previous: Unicode.Scalar?
    for scalar in name.unicodeScalars {
      defer { previous = scalar }
      let properties = scalar.properties
      if properties.isVariationSelector {
        // A variation selector only ever belongs after an emoji or an ideograph it varies.
        if let previous, previous.properties.isEmoji || previous.properties.isIdeographic {
          continue
        }
        return scalar
      }
      if isInvisible(scalar) || properties.isNoncharacterCodePoint { return scalar }
      switch properties.generalCategory {
      case .privateUse, .unassigned, .surrogate, .format: return scalar
      default: continue
      }
    }
    return nil
  }

  /// Default-ignorable and formatting characters: shown as nothing, so two names that look the same
  /// can differ by them.
  static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
    // U+2800 BRAILLE PATTERN BLANK is a symbol, not a space, yet draws as nothing.
    scalar.properties.isDefaultIgnorableCodePoint || scalar.properties.generalCategory == .format
      || scalar.value == 0x2800
  }

  /// The key that matches an acknowledged child to a roster child: name and class, each by ``matchKey(_:)``.
  public static func childKey(name: String, className: String) -> String {
    matchKey(name) + "\u{1F}" + matchKey(className)
  }

  /// Whether a typed signature matches the name given, ignoring case, extra spaces and normalisation form.
  public static func signatureMatches(_ signature: String, name: String) -> Bool {
    !tidy(name).isEmpty && matchKey(signature) == matchKey(name)
  }
}
