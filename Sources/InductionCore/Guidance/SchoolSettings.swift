import Foundation

/// The school's own settings, from `Scenarios/school.yaml`.
public struct SchoolSettings: Sendable, Equatable, Codable {
  /// The school's name, shown on the welcome screen and in checkpoints.
  public var name: String
  /// The statement a parent reads and signs.
  public var statement: String
  /// The school's time zone: exports and receipts show local time with its offset.
  public var timeZone: TimeZone
  /// Class names offered when a parent gives a child's class (a parent may also type another).
  public var classes: [String]
  /// How long personal details are kept; nil keeps them until erased by hand.
  public var retention: RetentionPeriod?
  /// The language (a BCP 47 tag) every kiosk session starts in; `en` unless `default_language:` says.
  public var defaultLanguage: String

  /// Creates settings.
  public init(
    name: String, statement: String, timeZone: TimeZone, classes: [String] = [],
    retention: RetentionPeriod? = nil, defaultLanguage: String = LanguageTag.english
  ) {
    self.name = name
    self.statement = statement
    self.timeZone = timeZone
    self.classes = classes
    self.retention = retention
    self.defaultLanguage = defaultLanguage
  }

  /// SHA-256 of the statement text, lower-case hex: what the ledger records as the statement shown.
  public var statementSHA256: String { Digest.sha256Hex(statement) }

  /// The fields `school.yaml` may hold.
  static let knownFields: Set<String> = [
    "name", "statement", "time_zone", "classes", "retention", "default_language",
  ]
}
