import InductionCore

/// The program's own words as shipped, one word list per language, built into the binary from
/// `Resources/Strings/*.yaml`.
public enum ProgramStrings {
  /// Every shipped word list, by language tag (each parsed on first use).
  public static var shipped: [String: StringCatalogue] {
    var lists: [String: StringCatalogue] = [:]
    for tag in ["en", "pl", "cy"] { lists[tag] = list(for: tag) }
    return lists
  }

  /// The shipped word list for `tag`, parsed the first time it is asked for: a parent who stays in
  /// English never waits for the others to be parsed before the welcome screen.
  public static func list(for tag: String) -> StringCatalogue? {
    switch tag {
    case "en": english
    case "pl": polish
    case "cy": welsh
    default: nil
    }
  }

  /// The English word list: the reference every other must match.
  public static let english: StringCatalogue =
    parse("en", PackageResources.en_yaml)
    ?? StringCatalogue(language: "en", file: "", texts: [:])

  private static let polish = parse("pl", PackageResources.pl_yaml)
  private static let welsh = parse("cy", PackageResources.cy_yaml)

  private static func parse(_ tag: String, _ bytes: [UInt8]) -> StringCatalogue? {
    StringCatalogue.parse(
      String(decoding: bytes, as: UTF8.self), language: tag, file: "Strings/\(tag).yaml"
    ).catalogue
  }

  /// The problems of each shipped list, parsed afresh, for tests and lint.
  public static func problems() -> [LintProblem] {
    var found: [LintProblem] = []
    for (tag, bytes) in [
      ("en", PackageResources.en_yaml), ("pl", PackageResources.pl_yaml),
      ("cy", PackageResources.cy_yaml),
    ] {
      let parsed = StringCatalogue.parse(
        String(decoding: bytes, as: UTF8.self), language: tag, file: "Strings/\(tag).yaml")
      found += parsed.problems
      if let list = parsed.catalogue, tag != LanguageTag.english {
        found += list.problems(against: english)
      }
    }
    return found
  }
}
