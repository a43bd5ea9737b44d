import Foundation

extension WebBenchmark.Result {
  /// Measurement 6's rows. Targets (issue 18): page p99 under 50 ms, signing p99 under 50 ms, the
  /// server's peak RSS under 128 MiB, on this 2-core machine.
  var table: ResultTable {
    func figures(_ values: [Double]) -> String {
      [Statistics.percentile(values, 50), Statistics.percentile(values, 99)].map(Format.duration)
        .joined(separator: " / ")
    }
    let engine = " (\(self.engine))"
    let pages = self.pages
    let requests = self.requests
    let floorP99 = Statistics.percentile(floor, 99)
    let peak = Double(peakRSSKiB) / 1024
    let idle = Double(idleRSSKiB) / 1024
    return ResultTable(rows: [
      .init(
        number: "6",
        measurement:
          "Web page\(engine) p50 / p99, \(parents) parents at once (\(pages.count.formatted()) pages: form sent until the next page is in)",
        induction: figures(pages), baseline: "—", ratio: "—", target: "p99 < 50 ms",
        met: Format.met(Statistics.percentile(pages, 99) < 0.050)),
      .init(
        number: "6",
        measurement:
          "Web request\(engine) p50 / p99 (\(requests.count.formatted()) requests; a page is a POST and its redirect's GET)",
        induction: figures(requests), baseline: "style sheet " + figures(floor),
        ratio: Format.ratio(Statistics.percentile(requests, 99) / floorP99), target: "—",
        met: "—"),
      .init(
        number: "6",
        measurement:
          "Web signing\(engine) p50 / p99 (\(signingPages.count) signings: confirmation sent until the receipt is in)",
        induction: figures(signingPages), baseline: "—", ratio: "—", target: "p99 < 50 ms",
        met: Format.met(Statistics.percentile(signingPages, 99) < 0.050)),
      .init(
        number: "6",
        measurement: "Web server\(engine) peak RSS (VmHWM at the end)",
        induction: Format.mebibytes(peak), baseline: "at start " + Format.mebibytes(idle),
        ratio: Format.ratio(peak / idle), target: "< 128 MiB", met: Format.met(peak < 128)),
    ])
  }

  /// The details under the table.
  var notes: String {
    func slowest(_ values: [Double]) -> String {
      values.sorted().suffix(5).reversed().map(Format.duration).joined(separator: ", ")
    }
    func rate(_ count: Int, _ seconds: Double) -> String {
      Format.rate(Double(count) / seconds)
    }
    let pageCounts = walks.map(\.pages.count)
    let pause =
      thinkTime > 0
      ? "each pausing a random 0–\(Format.duration(2 * thinkTime)) (mean \(Format.duration(thinkTime))) before each form"
      : "none pausing between pages (a closed loop: each form sent the moment its page is in)"
    let cores = Double(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    return [
      "- Parents: \(parents) at once, \(pause); \(pageCounts.min() ?? 0)–\(pageCounts.max() ?? 0) pages each (every scenario answered right first time, one child); all done in \(Format.duration(seconds)): \(rate(pages.count, seconds)) pages, \(rate(requests.count, seconds)) requests.",
      "- Slowest pages: \(slowest(pages)); slowest requests: \(slowest(requests)).",
      "- Signing: the POST that signs p50 / p99 / max \(Format.duration(Statistics.percentile(signingRequests, 50))) / \(Format.duration(Statistics.percentile(signingRequests, 99))) / \(Format.duration(signingRequests.max() ?? 0)); slowest signing pages \(slowest(signingPages)).",
      "- Floor: the style sheet (`/assets/induction.css`, from memory) on \(parents) connections at once, \(floorPerConnection) requests each (as many as one parent's walk makes): \(floor.count.formatted()) in \(Format.duration(floorSeconds)), \(rate(floor.count, floorSeconds)), max \(Format.duration(floor.max() ?? 0)). Each parent also fetched it once after the first page: p99 \(Format.duration(Statistics.percentile(walks.map(\.styleSheet), 99))).",
      "- CPU during the parents' run: the server \(String(format: "%.2f", serverCPUSeconds)) s, the bench's simulated browsers \(String(format: "%.2f", benchCPUSeconds)) s, of \(String(format: "%.2f", seconds * cores)) s on \(Int(cores)) cores; the server ran \(threads) threads.",
      "- Server memory: \(Format.mebibytes(Double(idleRSSKiB) / 1024)) resident when it first answered, \(Format.mebibytes(Double(endRSSKiB) / 1024)) at the end, peak \(Format.mebibytes(Double(peakRSSKiB) / 1024)); it stopped on SIGTERM with status \(serverExit).",
      "- Afterwards `induction verify`: \(verified).",
    ].joined(separator: "\n")
  }
}
