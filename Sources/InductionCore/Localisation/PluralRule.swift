/// Which plural form a number takes in a language (the CLDR rules for whole numbers), so a word list
/// can say "1 question", "3 pytania", "5 pytań". A language without rules here uses English's.
public enum PluralRule {
  /// The form for `count` in `language`: `zero`, `one`, `two`, `few`, `many` or `other`.
  public static func form(_ count: Int, language: String) -> String {
    let primary = language.split(separator: "-").first.map(String.init) ?? language
    let n = abs(count)
    switch primary {
    case "pl":
      if n == 1 { return "one" }
      if (2...4).contains(n % 10) && !(12...14).contains(n % 100) { return "few" }
      return "many"
    case "cy":
      switch n {
      case 0: return "zero"
      case 1: return "one"
      case 2: return "two"
      case 3: return "few"
      case 6: return "many"
      default: return "other"
      }
    default:
      return n == 1 ? "one" : "other"
    }
  }
}
