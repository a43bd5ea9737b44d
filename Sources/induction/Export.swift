import ArgumentParser
import Foundation
import InductionCore

extension ExportKind: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}

extension Induction {
  /// `induction export KIND`: a CSV list or an Excel workbook.
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Export acknowledgements, completion or outstanding lists as CSV or an Excel workbook.",
      discussion: """
        CSV files are UTF-8 with a byte-order mark, CRLF line endings, times in the school's time zone, \
        and cells that Excel would run as formulas made safe with a leading '. Workbooks (--format xlsx) \
        keep every name as text, times as real dates, and have a bold, frozen, filtered header; the \
        completion workbook has a Summary sheet per class.
        """)

    @OptionGroup var options: GlobalOptions

    @Argument(help: "acknowledgements, completion or outstanding")
    var kind: ExportKind

    @Option(
      help:
        "Where to write (default Exports/<kind>-<date>.csv or .xlsx); - for standard output (CSV).")
    var out: String?

    @Option(help: "csv (the default) or xlsx; --out FILE.xlsx means xlsx.")
    var format: ExportFormat?

    @Option(help: "Only acknowledgements signed on or after this date (YYYY-MM-DD).")
    var since: String?

    @Option(help: "Only acknowledgements signed on or before this date (YYYY-MM-DD).")
    var until: String?

    @Option(name: .customLong("class"), help: "Only this class.")
    var className: String?

    @Flag(help: "Replace the file if it already exists.")
    var force = false

    func run() throws {
      try Failure.report {
        signal(SIGPIPE, SIG_IGN)
        signal(SIGXFSZ, SIG_IGN)
        let format = try chosenFormat()
        let admin = try AdminContext.open(options)
        let zone = admin.export.timeZone
        var filter = ExportFilter(className: className)
        if let since {
          filter.since = try DayParser.startOfDay(since, option: "--since", zone: zone)
        }
        if let until {
          filter.until = try DayParser.endOfDay(until, option: "--until", zone: zone)
        }
        let path = out ?? "Exports/\(kind.rawValue)-\(Self.today(zone)).\(format.fileExtension)"
        let toStandardOutput = path == "-"
        let writer: any ExportWriter
        switch format {
        case .csv:
          writer = try CSVExportWriter(
            destination: toStandardOutput
              ? .descriptor(STDOUT_FILENO)
              : .file(URL(fileURLWithPath: path), displayPath: path, overwrite: force),
            header: kind.header)
        case .xlsx:
          writer = try XLSXExportWriter(
            target: URL(fileURLWithPath: path), displayPath: path, overwrite: force,
            sheetName: kind.sheetName, header: kind.header, schoolName: admin.school?.name)
        }
        let progress = Progress(label: "Exporting")
        do {
          let rows = try admin.database.export(
            kind, filter: filter, context: admin.export, into: writer, progress: progress.update)
          try writer.finish()
          progress.done()
          let message =
            "wrote \(rows) \(rows == 1 ? "row" : "rows") to \(toStandardOutput ? "standard output" : path)"
          if toStandardOutput {
            Output.note(message)
          } else {
            Output.say(message)
          }
        } catch {
          writer.abandon()
          progress.done()
          throw error
        }
      }
    }

    /// The format asked for, else the one `--out` names by its extension, else CSV. A workbook
    /// cannot go to standard output, and a format that contradicts `--out`'s extension is refused
    /// (Excel will not open a CSV file named `.xlsx`).
    func chosenFormat() throws -> ExportFormat {
      let implied = out.flatMap(ExportFormat.implied(by:))
      let chosen = format ?? implied ?? .csv
      if chosen == .xlsx && out == "-" {
        throw ValidationError(
          "an Excel workbook cannot be written to standard output; give --out a file name such as "
            + "\(kind.rawValue).xlsx, or use --format csv")
      }
      if let implied, let out, implied != chosen {
        throw ValidationError(
          "--format \(chosen.rawValue) does not match --out \(out); "
            + "name the file .\(chosen.fileExtension) or leave out --format")
      }
      return chosen
    }

    static func today(_ zone: TimeZone) -> String {
      String(Timestamp.local(Date(), in: zone).prefix(10))
    }
  }
}

/// A progress count on standard error, only when it is a terminal.
struct Progress {
  let label: String
  let enabled = isatty(STDERR_FILENO) == 1

  func update(_ count: Int) {
    guard enabled else { return }
    FileHandle.standardError.write(Data("\r\(label)… \(count) rows".utf8))
  }

  func done() {
    guard enabled else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
  }
}
