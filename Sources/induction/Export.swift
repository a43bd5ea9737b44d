import ArgumentParser
import Foundation
import InductionCore

extension ExportKind: ExpressibleByArgument {}

extension Induction {
  /// `induction export KIND`: a CSV list for Excel.
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Export acknowledgements, completion or outstanding lists as CSV for Excel.",
      discussion: """
        Files are UTF-8 with a byte-order mark, CRLF line endings, times in the school's time zone, and \
        cells that Excel would run as formulas made safe with a leading '.
        """)

    @OptionGroup var options: GlobalOptions

    @Argument(help: "acknowledgements, completion or outstanding")
    var kind: ExportKind

    @Option(help: "Where to write (default Exports/<kind>-<date>.csv); - for standard output.")
    var out: String?

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
        let admin = try AdminContext.open(options)
        var context = admin.export
        context.currentTranslations = Languages.currentTranslations(
          options, database: admin.database)
        let zone = context.timeZone
        var filter = ExportFilter(className: className)
        if let since {
          filter.since = try DayParser.startOfDay(since, option: "--since", zone: zone)
        }
        if let until {
          filter.until = try DayParser.endOfDay(until, option: "--until", zone: zone)
        }
        let path = out ?? "Exports/\(kind.rawValue)-\(Self.today(zone)).csv"
        let toStandardOutput = path == "-"
        let writer = try CSVExportWriter(
          destination: toStandardOutput
            ? .descriptor(STDOUT_FILENO)
            : .file(URL(fileURLWithPath: path), displayPath: path, overwrite: force),
          header: kind.header)
        let progress = Progress(label: "Exporting")
        do {
          let rows = try admin.database.export(
            kind, filter: filter, context: context, into: writer, progress: progress.update)
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
