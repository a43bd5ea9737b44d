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
  /// With `--database`: the same store copied into PostgreSQL, and what was measured there.
  var postgres: Postgres?

  /// The PostgreSQL measurements.
  struct Postgres {
    /// The copy of the built store.
    var copy: PostgresStore.Copy
    /// 1. Export, against psql.
    var export: ExportBenchmark.Result?
    /// 3. Appends: one writer, then several.
    var appends: (single: AppendBenchmark.Result, concurrent: AppendBenchmark.Result)?
  }

  /// The table of the measurements taken, for a database of `rows` acknowledgements.
  func table(rows: Int) -> ResultTable {
    var table = ResultTable()
    if let export {
      table.rows += Self.exportRows(export, engine: "", targetRatio: 1, rows: rows)
    }
    if let export = postgres?.export {
      table.rows += Self.exportRows(export, engine: " (PostgreSQL)", targetRatio: 1.5, rows: rows)
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
      table.rows += Self.appendRows(single, concurrent, engine: "", sqliteTargets: true)
    }
    if let (single, concurrent) = postgres?.appends {
      table.rows += Self.appendRows(
        single, concurrent, engine: " (PostgreSQL)", sqliteTargets: false)
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

  /// Measurement 1's two rows (wall time, peak RSS) for one engine.
  private static func exportRows(
    _ export: ExportBenchmark.Result, engine: String, targetRatio: Double, rows: Int
  ) -> [ResultTable.Row] {
    let name = export.baselineName
    let stopped = "> \(Int(export.timeout)) s (stopped)"
    let ours = export.inductionTimedOut ? stopped : Format.duration(export.inductionSeconds)
    let theirs = export.baselineTimedOut ? stopped : Format.duration(export.baselineSeconds)
    let ratio = export.inductionSeconds / export.baselineSeconds
    let bothFinished = !export.inductionTimedOut && !export.baselineTimedOut
    let rssNote = rows >= 1_000_000 ? "" : " (at \(rows.formatted()) rows)"
    let target = targetRatio == 1 ? "≤ 1× \(name)" : "≤ \(targetRatio.formatted())× \(name)"
    return [
      .init(
        number: "1",
        measurement:
          "Export acknowledgements\(engine), wall time (median of \(export.induction.count))",
        induction: ours, baseline: "\(name) " + theirs,
        ratio: bothFinished ? Format.ratio(ratio) : "—", target: target,
        met: export.inductionTimedOut
          ? "no" : (bothFinished ? Format.met(ratio <= targetRatio) : "yes")),
      .init(
        number: "1",
        measurement:
          "Export acknowledgements\(engine), peak RSS (median)\(export.rssIsExact ? "" : " (upper bound)")",
        induction: export.induction.isEmpty ? "—" : Format.mebibytes(export.inductionRSSMiB),
        baseline: "\(name) "
          + (export.baseline.isEmpty ? "—" : Format.mebibytes(export.baselineRSSMiB)),
        ratio: bothFinished ? Format.ratio(export.inductionRSSMiB / export.baselineRSSMiB) : "—",
        target: "< 64 MiB at 1,000,000 rows",
        met: export.induction.isEmpty ? "—" : Format.met(export.inductionRSSMiB < 64) + rssNote),
    ]
  }

  /// Measurement 3's two rows (one writer, several) for one engine. SQLite's targets (issue 13):
  /// p99 under 5 ms alone, under 10 ms with four writers and no append over 50 ms; PostgreSQL's
  /// (issue 10): p99 under 20 ms with four writers.
  private static func appendRows(
    _ single: AppendBenchmark.Result, _ concurrent: AppendBenchmark.Result, engine: String,
    sqliteTargets: Bool
  ) -> [ResultTable.Row] {
    func figures(_ result: AppendBenchmark.Result) -> String {
      [result.p50, result.p99, result.max].map(Format.duration).joined(separator: " / ")
    }
    return [
      .init(
        number: "3",
        measurement:
          "Durable append\(engine) p50 / p99 / max, 1 writer (\(single.latencies.count) appends)",
        induction: figures(single), baseline: "—", ratio: "—",
        target: sqliteTargets ? "p99 < 5 ms" : "—",
        met: sqliteTargets ? Format.met(single.p99 < 0.005) : "—"),
      .init(
        number: "3",
        measurement:
          "Durable append\(engine) p50 / p99 / max, \(concurrent.writers) writer\(concurrent.writers == 1 ? "" : "s") (\(concurrent.latencies.count) appends)",
        induction: figures(concurrent), baseline: "—", ratio: "—",
        target: sqliteTargets ? "p99 < 10 ms, max ≤ 50 ms" : "p99 < 20 ms",
        met: Format.met(
          sqliteTargets
            ? concurrent.p99 < 0.010 && concurrent.max <= 0.050 : concurrent.p99 < 0.020)),
    ]
  }

  /// The details under the table.
  func notes(buildNote: String) -> String {
    func list(_ values: [Double]) -> String {
      values.isEmpty ? "none finished" : values.map(Format.duration).joined(separator: ", ")
    }
    var lines = ["- Database: \(buildNote)."]
    func exportNote(_ export: ExportBenchmark.Result, _ label: String) -> String {
      let sameCells =
        export.inductionTimedOut || export.baselineTimedOut
        ? "a run was stopped after \(Int(export.timeout)) s, so the files were not compared"
        : export.firstDifference == nil
          ? "the two files hold the same \(export.inductionRows.formatted()) rows, cell by cell"
          : "the files differ: \(export.firstDifference!)"
      let floor =
        export.programQuery.isEmpty
        ? ""
        : "; \(export.baselineName) with the program's own query alone (no per-row work in SQL) \(list(export.programQuery.map(\.wallSeconds))), median \(Format.duration(Statistics.median(export.programQuery.map(\.wallSeconds)))), peak RSS \(Format.mebibytes(Statistics.median(export.programQuery.map(\.maxRSSMiB))))"
      return
        "- \(label): induction \(list(export.induction.map(\.wallSeconds))) (CPU \(list(export.induction.map(\.cpuSeconds)))); \(export.baselineName) \(list(export.baseline.map(\.wallSeconds))) (CPU \(list(export.baseline.map(\.cpuSeconds))))\(floor); \(sameCells)."
    }
    func appendNote(
      _ appends: (single: AppendBenchmark.Result, concurrent: AppendBenchmark.Result),
      _ label: String, _ extra: String
    ) -> String {
      let (single, concurrent) = appends
      let settings = single.settings.union(concurrent.settings).sorted().joined(separator: ", ")
      return
        "- \(label): \(settings); 1 writer \(String(format: "%.0f", Double(single.latencies.count) / single.seconds)) appends/s; \(concurrent.writers) writer\(concurrent.writers == 1 ? "" : "s") slowest \(concurrent.latencies.sorted().suffix(5).reversed().map(Format.duration).joined(separator: ", ")), \(String(format: "%.0f", Double(concurrent.latencies.count) / concurrent.seconds)) appends/s together (each writer also starts a session before each append\(extra))."
    }
    if let export { lines.append(exportNote(export, "Export")) }
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
    if let appends {
      lines.append(appendNote(appends, "Appends", "; all sign with the data folder's key"))
    }
    if let verify {
      lines.append(
        "- Verify: \(verify.entries.formatted()) entries; verifyLedger() \(list(verify.verifySeconds)); tight loop \(list(verify.limitSeconds)) (\(String(format: "%.1f", 1e6 / verify.limitRate)) µs per entry on one core)."
      )
    }
    if let postgres {
      lines.append(
        "- PostgreSQL \(postgres.copy.serverVersion): the built store copied in with StoreCopy.copy (as `induction migrate --to`), \(postgres.copy.rows.formatted()) rows (\(postgres.copy.ledgerEntries.formatted()) ledger entries) in \(String(format: "%.1f", postgres.copy.seconds)) s, then VACUUM (ANALYZE)."
      )
      if let export = postgres.export { lines.append(exportNote(export, "Export (PostgreSQL)")) }
      if let appends = postgres.appends {
        lines.append(
          appendNote(
            appends, "Appends (PostgreSQL)",
            "; each writer is a PC with its own data folder and key, enrolled by the genesis key before timing"
          ))
      }
    }
    return lines.joined(separator: "\n")
  }
}
