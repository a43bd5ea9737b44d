/// What one run of the bench measured; a measurement left out with `--only` is nil.
struct Results {
  /// 1. Export.
  var export: ExportBenchmark.Result?
  /// 2. Start-up.
  var startup: StartupBenchmark.Result?
  /// 3. Appends: one writer, then several.
  var appends: (single: AppendBenchmark.Result, concurrent: AppendBenchmark.Result)?
  /// 4. Verify.
  var verify: VerifyBenchmark.Result?
  /// 5. Export as a workbook.
  var workbook: WorkbookExportBenchmark.Result?

  /// The table of the measurements taken, for a database of `rows` acknowledgements.
  func table(rows: Int) -> ResultTable {
    var table = ResultTable()
    if let export {
      let stopped = "> \(Int(export.timeout)) s (stopped)"
      let ours = export.inductionTimedOut ? stopped : Format.duration(export.inductionSeconds)
      let theirs = export.sqliteTimedOut ? stopped : Format.duration(export.sqliteSeconds)
      let ratio = export.inductionSeconds / export.sqliteSeconds
      let bothFinished = !export.inductionTimedOut && !export.sqliteTimedOut
      table.rows.append(
        .init(
          number: "1",
          measurement: "Export acknowledgements, wall time (median of \(export.induction.count))",
          induction: ours, baseline: "sqlite3 " + theirs,
          ratio: bothFinished ? Format.ratio(ratio) : "—", target: "≤ 1× sqlite3",
          met: export.inductionTimedOut ? "no" : (bothFinished ? Format.met(ratio <= 1) : "yes")))
      let rssNote = rows >= 1_000_000 ? "" : " (at \(rows.formatted()) rows)"
      table.rows.append(
        .init(
          number: "1",
          measurement:
            "Export acknowledgements, peak RSS (median)\(export.rssIsExact ? "" : " (upper bound)")",
          induction: export.induction.isEmpty ? "—" : Format.mebibytes(export.inductionRSSMiB),
          baseline: "sqlite3 "
            + (export.sqlite.isEmpty ? "—" : Format.mebibytes(export.sqliteRSSMiB)),
          ratio: bothFinished ? Format.ratio(export.inductionRSSMiB / export.sqliteRSSMiB) : "—",
          target: "< 64 MiB at 1,000,000 rows",
          met: export.induction.isEmpty ? "—" : Format.met(export.inductionRSSMiB < 64) + rssNote))
    }
    if let workbook {
      let csv = export.flatMap { $0.induction.isEmpty ? nil : $0 }
      let finished = !workbook.runs.isEmpty && !workbook.timedOut
      table.rows.append(
        .init(
          number: "5",
          measurement:
            "Export acknowledgements as xlsx, wall time (median of \(workbook.runs.count))",
          induction: workbook.timedOut
            ? "> \(Int(workbook.timeout)) s (stopped)" : Format.duration(workbook.seconds),
          baseline: csv.map { "CSV export " + Format.duration($0.inductionSeconds) } ?? "—",
          ratio: csv.map { finished ? Format.ratio(workbook.seconds / $0.inductionSeconds) : "—" }
            ?? "—",
          target: "—", met: "—"))
      let rssNote = rows >= 1_000_000 ? "" : " (at \(rows.formatted()) rows)"
      table.rows.append(
        .init(
          number: "5",
          measurement:
            "Export acknowledgements as xlsx, peak RSS (median)\(workbook.rssIsExact ? "" : " (upper bound)")",
          induction: workbook.runs.isEmpty ? "—" : Format.mebibytes(workbook.rssMiB),
          baseline: csv.map { "CSV export " + Format.mebibytes($0.inductionRSSMiB) } ?? "—",
          ratio: csv.map {
            workbook.runs.isEmpty ? "—" : Format.ratio(workbook.rssMiB / $0.inductionRSSMiB)
          } ?? "—",
          target: "< 64 MiB at 1,000,000 rows",
          met: workbook.runs.isEmpty ? "—" : Format.met(workbook.rssMiB < 64) + rssNote))
    }
    if let startup {
      let ratio = startup.inductionSeconds / startup.sqliteSeconds
      table.rows.append(
        .init(
          number: "2",
          measurement: "Start-up to first screen in a pty (median of \(startup.induction.count))",
          induction: Format.duration(startup.inductionSeconds),
          baseline: "sqlite3 " + Format.duration(startup.sqliteSeconds),
          ratio: Format.ratio(ratio), target: "≤ 3× sqlite3", met: Format.met(ratio <= 3)))
    }
    if let (single, concurrent) = appends {
      table.rows.append(
        .init(
          number: "3",
          measurement: "Durable append p50 / p99, 1 writer (\(single.latencies.count) appends)",
          induction: Format.duration(single.p50) + " / " + Format.duration(single.p99),
          baseline: "—",
          ratio: "—", target: "—", met: "—"))
      table.rows.append(
        .init(
          number: "3",
          measurement:
            "Durable append p50 / p99, \(concurrent.writers) writers (\(concurrent.latencies.count) appends)",
          induction: Format.duration(concurrent.p50) + " / " + Format.duration(concurrent.p99),
          baseline: "—", ratio: "—", target: "p99 < 20 ms", met: Format.met(concurrent.p99 < 0.020))
      )
    }
    if let verify {
      let ratio = verify.limitRate / verify.verifyRate
      table.rows.append(
        .init(
          number: "4",
          measurement: "verify throughput, entries/s (best of \(verify.verifySeconds.count))",
          induction: Format.rate(verify.verifyRate),
          baseline: "limit " + Format.rate(verify.limitRate),
          ratio: Format.ratio(ratio), target: "≤ 1.5× the limit's time",
          met: Format.met(ratio <= 1.5)))
    }
    return table
  }

  /// The details under the table.
  func notes(buildNote: String) -> String {
    func list(_ values: [Double]) -> String {
      values.isEmpty ? "none finished" : values.map(Format.duration).joined(separator: ", ")
    }
    var lines = ["- Database: \(buildNote)."]
    if let export {
      let sameCells =
        export.inductionTimedOut || export.sqliteTimedOut
        ? "a run was stopped after \(Int(export.timeout)) s, so the files were not compared"
        : export.firstDifference == nil
          ? "the two files hold the same \(export.inductionRows.formatted()) rows, cell by cell"
          : "the files differ: \(export.firstDifference!)"
      lines.append(
        "- Export: induction \(list(export.induction.map(\.wallSeconds))) (CPU \(list(export.induction.map(\.cpuSeconds)))); sqlite3 \(list(export.sqlite.map(\.wallSeconds))) (CPU \(list(export.sqlite.map(\.cpuSeconds)))); \(sameCells)."
      )
    }
    if let workbook {
      let rowsNote =
        workbook.rows.map {
          "the workbook holds \($0.formatted()) rows in \(Format.mebibytes(Double(workbook.bytes) / 1_048_576))"
        } ?? "a run was stopped after \(Int(workbook.timeout)) s, so the rows were not counted"
      lines.append(
        "- Workbook export: induction \(list(workbook.runs.map(\.wallSeconds))) (CPU \(list(workbook.runs.map(\.cpuSeconds)))); \(rowsNote)."
      )
    }
    if let startup {
      lines.append(
        "- Start-up: induction \(list(startup.induction)); sqlite3 \(list(startup.sqlite)).")
    }
    if let (single, concurrent) = appends {
      let synchronous = single.synchronous.union(concurrent.synchronous).sorted().map(String.init)
        .joined(separator: ", ")
      lines.append(
        "- Appends: synchronous = \(synchronous) (2 is FULL); 1 writer max \(Format.duration(single.max)), \(String(format: "%.0f", Double(single.latencies.count) / single.seconds)) appends/s; \(concurrent.writers) writers slowest \(concurrent.latencies.sorted().suffix(5).reversed().map(Format.duration).joined(separator: ", ")), \(String(format: "%.0f", Double(concurrent.latencies.count) / concurrent.seconds)) appends/s together (each writer also starts a session before each append)."
      )
    }
    if let verify {
      lines.append(
        "- Verify: \(verify.entries.formatted()) entries; verifyLedger() \(list(verify.verifySeconds)); tight loop \(list(verify.limitSeconds)) (\(String(format: "%.1f", 1e6 / verify.limitRate)) µs per entry on one core)."
      )
    }
    return lines.joined(separator: "\n")
  }
}
