/// BCP 47 language tags as Induction uses them: the folder name of a translation pack (`pl`, `cy`,
/// `pt-BR`), recorded in the ledger with each acknowledgement.
public enum LanguageTag {
  /// The language of the school's own guidance and scenarios.
  public static let english = "en"

  /// Whether `tag` is a plain BCP 47 tag: a 2–3 letter lower-case language, then optional subtags of
  /// 2–8 letters or digits (`pl`, `cy`, `pt-BR`, `sr-Latn`).
  public static func isWellFormed(_ tag: String) -> Bool {
    let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
    guard let language = parts.first, (2...3).contains(language.count),
      language.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) })
    else { return false }
    return parts.dropFirst().allSatisfy { part in
      (2...8).contains(part.count)
        && part.unicodeScalars.allSatisfy {
          ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        }
    }
  }

  /// Whether the tag names a language or script written right to left (`ar`, `he`, `ur`, `fa`,
  /// `ku-Arab` …); Kurdish in Latin letters (`ku`) is not).
  public static func isRightToLeft(_ tag: String) -> Bool {
    let parts = tag.split(separator: "-").map(String.init)
    guard let language = parts.first?.lowercased() else { return false }
    if parts.dropFirst().contains(where: { rightToLeftScripts.contains($0.lowercased()) }) {
      return true
    }
    if parts.dropFirst().contains(where: { $0.count == 4 }) { return false }
    return rightToLeftLanguages.contains(language)
  }

  /// Languages whose usual script is written right to left.
  static let rightToLeftLanguages: Set<String> = [
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ji", "ks", "ps", "sd", "syr", "ug", "ur", "yi",
  ]

  /// ISO 15924 codes of right-to-left scripts, lower-cased.
  static let rightToLeftScripts: Set<String> = [
    "arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "samr", "mand", "yezi",
  ]

  /// The first character of `text` from a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko
  /// and the like), if any.
  public static func firstRightToLeftScalar(in text: String) -> Unicode.Scalar? {
    text.unicodeScalars.first { scalar in
      switch scalar.value {
      case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFC, 0x10800...0x10FFF, 0x1E800...0x1EFFF:
        true
      default: false
      }
    }
  }
}
