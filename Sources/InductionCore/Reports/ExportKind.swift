import Foundation

/// The lists an admin can export.
public enum ExportKind: String, Sendable, CaseIterable {
  /// One row per acknowledgement.
  case acknowledgements
  /// One row per roster child (or per child named, without a roster), with their status.
  case completion
  /// The children still to acknowledge, for a mail merge.
  case outstanding

  /// The header row.
  public var header: [String] {
    switch self {
    case .acknowledgements: AcknowledgementExportRow.header
    case .completion: CompletionExportRow.header
    case .outstanding: OutstandingExportRow.header
    }
  }
}

extension ExportKind {
  /// The name of the workbook sheet that holds the list.
  public var sheetName: String {
    switch self {
    case .acknowledgements: "Acknowledgements"
    case .completion: "Completion"
    case .outstanding: "Outstanding"
    }
  }
}

/// Which rows an export includes.
public struct ExportFilter: Sendable, Equatable {
  /// Only acknowledgements signed at or after this instant.
  public var since: Date?
  /// Only acknowledgements signed before this instant.
  public var until: Date?
  /// Only this class (matched ignoring case, spaces and normalisation).
  public var className: String?

  /// Creates a filter.
  public init(since: Date? = nil, until: Date? = nil, className: String? = nil) {
    self.since = since
    self.until = until
    self.className = className
  }
}

/// A child's acknowledgement status in completion lists.
public enum CompletionStatus: String, Sendable, CaseIterable {
  /// A current acknowledgement covers the child.
  case acknowledged
  /// Only acknowledgements of an older guidance version (or of an older translation of it, in the
  /// language they were read in) cover the child.
  case reacknowledge = "re-acknowledge"
  /// Nothing (or only revoked acknowledgements) covers the child.
  case outstanding
}

/// Everything an export needs besides the database.
public struct ExportContext: Sendable {
  /// SHA-256 of the guidance now in force.
  public var currentGuidance: String
  /// The school's time zone: times are shown in it, with the offset.
  public var timeZone: TimeZone
  /// SHA-256 of each translation's guidance now in force, by language tag. A language missing here
  /// is judged by the newest version of it the database has seen.
  public var currentTranslations: [String: String]

  /// Creates a context.
  public init(
    currentGuidance: String, timeZone: TimeZone, currentTranslations: [String: String] = [:]
  ) {
    self.currentGuidance = currentGuidance
    self.timeZone = timeZone
    self.currentTranslations = currentTranslations
  }

  /// ``currentTranslations`` as a JSON object, for the queries that judge acknowledgements current.
  var translationsJSON: String {
    let data = try? JSONSerialization.data(
      withJSONObject: currentTranslations, options: .sortedKeys)
    return data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }
}
