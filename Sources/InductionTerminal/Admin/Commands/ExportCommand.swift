import ArgumentParser
import Foundation
import InductionCore

#if canImport(Glibc)
  import Glibc
#endif

extension ExportKind: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}

/// `induction export KIND`: a CSV list or an Excel workbook.
public struct ExportCommand: AdminCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "export",
    abstract:
      "Export acknowledgements, completion or outstanding lists as CSV or an Excel workbook.",
    discussion: """
      CSV files are UTF-8 with a byte-order mark, CRLF line endings, times in the school's time zone, \
      and cells that Excel would run as formulas made safe with a leading '. Workbooks (--format xlsx) \
      keep every name as text and times as real dates, with a bold, frozen, filtered header; the \
      completion workbook has a Summary sheet per class. Without --out the file is \
      Exports/<kind>-<date>.csv (or .xlsx) in the current folder.
      """)

  /// The data and scenarios folders.
  @OptionGroup public var options: GlobalOptions

  @Argument(help: "acknowledgements, completion or outstanding")
  var kind: ExportKind

  /// `--out` and `--force`.
  @OptionGroup public var output: ReportOutputOptions

  @Option(help: "csv (the default) or xlsx; --out FILE.xlsx means xlsx.")
  var format: ExportFormat?

  @Option(help: "Only acknowledgements signed on or after this date (YYYY-MM-DD).")
  var since: String?

  @Option(help: "Only acknowledgements signed on or before this date (YYYY-MM-DD).")
  var until: String?

  @Option(name: .customLong("class"), help: "Only this class.")
  var className: String?

  @Option(
    name: .customLong("links"),
    help: ArgumentHelp(
      "outstanding only: add a new personal link per family for a mail merge (see `induction invite`).",
      valueName: "address"))
  var linkAddress: String?

  @Option(name: .customLong("link-days"), help: "How many days new links work for (default 30).")
  var linkDays = 30

  /// ArgumentParser's initialiser.
  public init() {}

  /// Writes the export.
  public func run(in session: AdminSession) throws {
    var links: InvitationIssue?
    if let linkAddress {
      guard kind == .outstanding else {
        throw AdminFailure("--links goes only with `export outstanding`")
      }
      links = try InviteCommand.issue(
        address: linkAddress, days: linkDays, at: session.clock.now())
    }
    let zone = session.export.timeZone
    var filter = ExportFilter(className: className)
    if let since { filter.since = try DayParser.startOfDay(since, option: "--since", zone: zone) }
    if let until { filter.until = try DayParser.endOfDay(until, option: "--until", zone: zone) }
    let written = try Self.write(
      kind, filter: filter, format: format, output: output, name: kind.rawValue, links: links,
      in: session)
    (written.destination == .standardOutput ? session.errors : session.output).line(
      "wrote \(trusted: AdminSession.count(written.rows, "row")) to \(written.destination.displayPath)"
    )
  }

  /// Writes one export where `output` says (else `Exports/<name>-<date>.<format>`), with personal
  /// links when `links` is given; returns the rows written and where.
  static func write(
    _ kind: ExportKind, filter: ExportFilter, format asked: ExportFormat?,
    output: ReportOutputOptions, name: String, links: InvitationIssue?, in session: AdminSession
  ) throws -> (rows: Int, destination: ReportDestination) {
    signal(SIGPIPE, SIG_IGN)
    signal(SIGXFSZ, SIG_IGN)
    let format = try ExportFormat.chosen(asked: asked, out: output.out, name: kind.rawValue)
    if kind != .acknowledgements { try session.requireProvableLedger(for: "\(kind.rawValue) list") }
    var context = session.export
    context.currentTranslations = SchoolContentLoader.currentTranslations(
      session.contentReport, database: session.database, at: session.clock.now())
    let header = kind.header + (links == nil ? [] : InvitationIssue.header)
    let today = Timestamp.local(session.clock.now(), in: context.timeZone).prefix(10)
    let destination = output.destination(
      orDefault: "Exports/\(name)-\(today).\(format.fileExtension)")
    // The default folder is made when missing; a folder named in --out never is.
    if output.out == nil { try destination.makeFolder() }
    let writer: any ExportWriter
    switch (format, destination) {
    case (.csv, .standardOutput):
      writer = try CSVExportWriter(
        destination: .descriptor(session.standardOutput), header: header)
    case (.csv, .file(let url, let path, let overwrite)):
      writer = try CSVExportWriter(
        destination: .file(url, displayPath: path, overwrite: overwrite), header: header)
    case (.xlsx, .file(let url, let path, let overwrite)):
      writer = try XLSXExportWriter(
        target: url, displayPath: path, overwrite: overwrite, sheetName: kind.sheetName,
        header: header, schoolName: session.school?.name)
    case (.xlsx, .standardOutput):
      throw ExportError.workbookToStandardOutput(suggestedName: "\(name).xlsx")
    }
    let progress = Progress(label: "Exporting", console: session.errors)
    do {
      let rows = try session.database.export(
        kind, filter: filter, context: context, into: writer, links: links,
        progress: progress.update)
      if links == nil { try writer.finish() }
      progress.done()
      return (rows, destination)
    } catch {
      writer.abandon()
      progress.done()
      throw error
    }
  }
}

/// A count of rows on standard error while a long job runs, only when that is a terminal.
struct Progress {
  let label: String
  let console: Console

  func update(_ count: Int) {
    guard console.isTerminal else { return }
    console.write(TerminalText(trusted: "\r\(label)… \(count) rows"))
  }

  func done() {
    guard console.isTerminal else { return }
    console.write(TerminalText(trusted: "\r\u{1B}[K"))
  }
}
