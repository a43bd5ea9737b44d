/// A column of an export, with its header.
protocol ExportColumn: CaseIterable {
  /// The header cell.
  var header: String { get }
}

/// One row of an export: its columns, and their headers, are named once, in ``Column``, and
/// ``cell(_:)`` gives each column's cell.
protocol ExportRow {
  /// The columns, in order.
  associatedtype Column: ExportColumn
  /// The cell in `column`.
  func cell(_ column: Column) -> ExportCell
}

extension ExportRow {
  /// The header row.
  static var header: [String] { Column.allCases.map(\.header) }

  /// The row's cells, in column order.
  var cells: [ExportCell] { Column.allCases.map(cell) }
}

/// One row of the acknowledgements list.
struct AcknowledgementExportRow: ExportRow {
  enum Column: ExportColumn {
    case reference, signedAt, parent, relationship, children, classes, version, status, score
    case station, language

    var header: String {
      switch self {
      case .reference: "Reference"
      case .signedAt: "Signed at"
      case .parent: "Parent"
      case .relationship: "Relationship"
      case .children: "Children"
      case .classes: "Classes"
      case .version: "Guidance version"
      case .status: "Status"
      case .score: "First-try score"
      case .station: "Station"
      case .language: "Language"
      }
    }
  }

  var reference: String
  var signedAt: ExportCell
  var parent: String
  var relationship: String
  var children: String
  var classes: String
  var version: String
  var status: String
  var firstTryCorrect: Int
  var scenarioCount: Int
  var station: String
  var language: String

  func cell(_ column: Column) -> ExportCell {
    switch column {
    case .reference: .text(reference)
    case .signedAt: signedAt
    case .parent: .text(parent)
    case .relationship: .text(relationship)
    case .children: .text(children)
    case .classes: .text(classes)
    case .version: .text(version)
    case .status: .text(status)
    case .score: .score(correct: firstTryCorrect, total: scenarioCount)
    case .station: .text(station)
    case .language: .text(language)
    }
  }
}

/// One child of the completion list.
struct CompletionExportRow: ExportRow {
  enum Column: ExportColumn {
    case className, child, rosterParent, status, acknowledgedBy, signedAt, reference, language

    var header: String {
      switch self {
      case .className: "Class"
      case .child: "Child"
      case .rosterParent: "Parent (roster)"
      case .status: "Status"
      case .acknowledgedBy: "Acknowledged by"
      case .signedAt: "Signed at"
      case .reference: "Reference"
      case .language: "Language"
      }
    }
  }

  var className: String
  var child: String
  var rosterParent: String
  var status: CompletionStatus
  var acknowledgedBy: String
  var signedAt: ExportCell
  var reference: String
  var language: String

  func cell(_ column: Column) -> ExportCell {
    switch column {
    case .className: .text(className)
    case .child: .text(child)
    case .rosterParent: .text(rosterParent)
    case .status: .text(status.rawValue)
    case .acknowledgedBy: .text(acknowledgedBy)
    case .signedAt: signedAt
    case .reference: .text(reference)
    case .language: .text(language)
    }
  }
}

/// One child of the outstanding list.
struct OutstandingExportRow: ExportRow {
  enum Column: ExportColumn {
    case className, child, parent, email, status, language

    var header: String {
      switch self {
      case .className: "Class"
      case .child: "Child"
      case .parent: "Parent"
      case .email: "Email"
      case .status: "Status"
      case .language: "Language"
      }
    }
  }

  var className: String
  var child: String
  var parent: String
  var email: String
  var status: CompletionStatus
  var language: String

  func cell(_ column: Column) -> ExportCell {
    switch column {
    case .className: .text(className)
    case .child: .text(child)
    case .parent: .text(parent)
    case .email: .text(email)
    case .status: .text(status.rawValue)
    case .language: .text(language)
    }
  }
}
