import CLocale

/// The process locale for terminal input.
public enum TerminalLocale {
  /// Adopts the user's locale with UTF-8 character handling (C.UTF-8 when the locale is plain C).
  public static func adopt() { induction_adopt_utf8_locale() }
}
