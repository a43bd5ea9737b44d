import Foundation

/// How people's names and class names are compared: Unicode NFC, outer spaces trimmed, runs of white
/// space collapsed to one space, and (for matching) case folded.
public enum NameNormalisation {
  /// NFC with trimmed and collapsed white space: the form in which names are stored.
  public static func tidy(_ text: String) -> String {
    text.precomposedStringWithCanonicalMapping
      .split(whereSeparator: { $0.isWhitespace })
      .joined(separator: " ")
  }

  /// The key two names are compared by: ``tidy(_:)`` then case-folded.
  public static func matchKey(_ text: String) -> String {
    tidy(text).folding(options: [.caseInsensitive], locale: nil)
      .precomposedStringWithCanonicalMapping
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
