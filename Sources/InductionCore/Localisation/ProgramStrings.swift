/// The program's own words as shipped, one word list per language, built into the binary from
/// `Resources/Strings/*.yaml`.
public enum ProgramStrings {
  /// Every shipped word list, by language tag (each parsed on first use).
  public static var shipped: [String: StringCatalogue] {
    var lists: [String: StringCatalogue] = [:]
    for tag in ["en", "pl", "cy"] { lists[tag] = list(for: tag) }
    return lists
  }

  /// The shipped word list for `tag`, compiled into the program from its YAML file at build time:
  /// parsing the three files took longer than everything else before the welcome screen.
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
    compiledList("en") ?? StringCatalogue(language: "en", file: "", texts: [:])

  private static let polish = compiledList("pl")
  private static let welsh = compiledList("cy")

  private static func compiledList(_ tag: String) -> StringCatalogue? {
    compiled[tag].map { StringCatalogue(language: tag, file: "Strings/\(tag).yaml", texts: $0) }
  }

  /// Each shipped list parsed from its YAML file now, with the problems found (tests and lint).
  public static func parsedFromYAML() -> [(
    tag: String, catalogue: StringCatalogue?, problems: [LintProblem]
  )] {
    yamlFiles.map { tag, bytes in
      let parsed = StringCatalogue.parse(
        String(decoding: bytes, as: UTF8.self), language: tag, file: "Strings/\(tag).yaml")
      return (tag, parsed.catalogue, parsed.problems)
    }
  }

  private static var yamlFiles: [(String, [UInt8])] {
    [
      ("en", PackageResources.en_yaml), ("pl", PackageResources.pl_yaml),
      ("cy", PackageResources.cy_yaml),
    ]
  }

  /// The problems of each shipped list, parsed afresh, for tests and lint.
  public static func problems() -> [LintProblem] {
    var found: [LintProblem] = []
    for (tag, list, problems) in parsedFromYAML() {
      found += problems
      if let list, tag != LanguageTag.english { found += list.problems(against: english) }
    }
    return found
  }
}
