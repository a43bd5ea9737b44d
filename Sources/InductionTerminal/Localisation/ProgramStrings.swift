import InductionCore

/// The program's own words as shipped, one word list per language, built into the binary from
/// `Resources/Strings/*.yaml`.
public enum ProgramStrings {
  /// Every shipped word list, by language tag.
  public static let shipped: [String: StringCatalogue] = {
    var lists: [String: StringCatalogue] = [:]
    for (tag, bytes) in [
      ("en", PackageResources.en_yaml), ("pl", PackageResources.pl_yaml),
      ("cy", PackageResources.cy_yaml),
    ] {
      let file = "Strings/\(tag).yaml"
      if let list = StringCatalogue.parse(
        String(decoding: bytes, as: UTF8.self), language: tag, file: file
      ).catalogue {
        lists[tag] = list
      }
    }
    return lists
  }()

  /// The English word list: the reference every other must match.
  public static var english: StringCatalogue {
    shipped[LanguageTag.english] ?? StringCatalogue(language: "en", file: "", texts: [:])
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
