import Foundation

/// A moment as a parent reads it on their receipt: the date and time in the school's time zone,
/// written the way the parent's language writes them ("26 November 2026 at 09:00", "26 listopada
/// 2026 09:00"), not the ISO form the exports use.
public enum ParentDate {
  /// `date` in `zone`, written for a reader of `language`.
  public static func format(_ date: Date, in zone: TimeZone, language: String) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: locale(for: language))
    formatter.timeZone = zone
    formatter.dateStyle = .long
    formatter.timeStyle = .short
    return formatter.string(from: date)
  }

  /// British English, and each language as written in the UK or its home.
  private static func locale(for language: String) -> String {
    switch language {
    case LanguageTag.english: "en_GB"
    case "cy": "cy_GB"
    case "pl": "pl_PL"
    default: language
    }
  }
}
