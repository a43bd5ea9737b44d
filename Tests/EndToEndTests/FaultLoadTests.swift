import Foundation
import InductionCore
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Four `induction kiosk` processes appending at once, with exports running meanwhile: one
/// contiguous, unforked chain with every signing in it, and nobody ever shown "busy".
///
/// Each kiosk reads a whole day's script from a file (every session of a seeded kiosk shuffles the
/// questions alike, so the script is known in advance) and writes its screens to a file, so the four
/// really run flat out together, independent of the test's own scheduling. `INDUCTION_LOAD_SIGNINGS`
/// sets the signings per kiosk (default the issue's 250, 1,000 in all: about 13 s for the signing
/// and 20 s for the whole test on two cores, debug build).
@Suite(
  "Fault suite: four kiosks and an export at once",
  FaultSettings.timeLimit(minutes: 30, perExtra: 0.002, extra: 4 * FaultSettings.signingsPerWriter))
struct FaultLoadTests {
  static let writers = 4

  /// The names typed by writer `writer`'s `index`th parent and child (letters and digits only, unique).
  static func names(writer: Int, index: Int) -> (parent: String, child: String) {
    ("Parent W\(writer) N\(index)", "Child W\(writer) N\(index)")
  }

  @Test func fourKiosksAndAnExportAtOnceMakeOneContiguousChainWithEverySigningAndNoBusyErrors()
    throws
  {
    let script = try SigningScript.learned()
    let sandbox = try Sandbox()
    try sandbox.setFaultSuitePin()
    let perWriter = FaultSettings.signingsPerWriter
    let total = Self.writers * perWriter
    let work = sandbox.root.appendingPathComponent("load", isDirectory: true)
    let exports = try sandbox.exportsFolder()
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)

    // A day's script per kiosk: `perWriter` parents, each with their own name.
    for writer in 1...Self.writers {
      var lines: [String] = []
      for index in 1...perWriter {
        let (parent, child) = Self.names(writer: writer, index: index)
        lines += script.signing(
          name: parent, child: child, className: Parent.className, kiosk: true)
      }
      try SigningScript.text(lines).write(
        to: work.appendingPathComponent("in-\(writer)"), atomically: false, encoding: .utf8)
    }

    // Four kiosks at once; each ends when its script does (end of input at the welcome).
    let started = Date()
    var kiosks: [PipedProgram] = []
    for writer in 1...Self.writers {
      let arguments = sandbox.faultKioskArguments(station: "Station \(writer)")
      let folder = work.path
      kiosks.append(
        try PipedProgram(
          executable: "/bin/sh",
          arguments: [
            "-c",
            "exec \"$0\" \"$@\" < \(folder)/in-\(writer) > \(folder)/out-\(writer) 2> \(folder)/err-\(writer)",
            sandbox.executable.path,
          ] + arguments, environment: sandbox.environment))
    }

    // Exports, one after another, for as long as the kiosks run: each must succeed, see a consistent
    // prefix of the ledger, and never mention "busy".
    var exportRows: [Int] = []
    var exportProblems: [String] = []
    while kiosks.contains(where: { !$0.hasExited }) {
      let target = exports.appendingPathComponent("during-\(exportRows.count).csv")
      let result = try sandbox.induction(
        ["export", "acknowledgements", "--out", target.path], timeout: 60)
      if result.status != 0 || result.error.lowercased().contains("busy") || !result.error.isEmpty {
        exportProblems.append(
          "export \(exportRows.count): status \(result.status), \(result.error)")
      }
      let records = crlfRecordCount(Array((try? Data(contentsOf: target)) ?? Data()))
      exportRows.append((records ?? 0) - 1)
      usleep(200_000)
    }
    var statuses: [Int32] = []
    for kiosk in kiosks { statuses.append(try kiosk.waitForExit(timeout: 30)) }
    let seconds = Date().timeIntervalSince(started)

    // Every kiosk ended normally, showed every receipt, and never a busy or could-not-save message.
    var shown: [String] = []
    for writer in 1...Self.writers {
      let output = try String(
        contentsOf: work.appendingPathComponent("out-\(writer)"), encoding: .utf8)
      let errors = try String(
        contentsOf: work.appendingPathComponent("err-\(writer)"), encoding: .utf8)
      #expect(
        statuses[writer - 1] == 0, "kiosk \(writer) exited with \(statuses[writer - 1]): \(errors)")
      #expect(errors.isEmpty, "kiosk \(writer) standard error: \(errors)")
      let references = shownReferences(in: output)
      #expect(references.count == perWriter, "kiosk \(writer) showed \(references.count) receipts")
      for bad in ["busy", "could not be saved", "cannot save", "Not quite.", "Please type"] {
        #expect(
          !output.lowercased().contains(bad.lowercased()), "kiosk \(writer) showed \"\(bad)\"")
      }
      shown += references
    }
    #expect(exportProblems.isEmpty, "\(exportProblems)")
    #expect(exportRows.count >= 1, "no export ran while the kiosks did")
    #expect(
      exportRows == exportRows.sorted(),
      "an export saw fewer rows than one before it: \(exportRows)")
    #expect(exportRows.allSatisfy { (0...total).contains($0) }, "\(exportRows)")

    // One chain: seq 1…total, no gaps or forks, every shown reference stored, the names typed.
    #expect(try sandbox.count(signedEntries) == total)
    #expect(
      try sandbox.query(
        "SELECT min(seq), max(seq), count(DISTINCT seq) FROM \(signedEntries);") == [
          "2|\(total + 1)|\(total)"
        ])
    let stored = try sandbox.storedReferences()
    #expect(Set(stored) == Set(shown), "shown and stored references differ")
    #expect(Set(stored).count == total)
    let perStation = try sandbox.query(
      "SELECT station, count(*) FROM \(signedEntries) GROUP BY station ORDER BY station;")
    #expect(perStation == (1...Self.writers).map { "Station \($0)|\(perWriter)" })
    let expectedNames = Set(
      (1...Self.writers).flatMap { w in
        (1...perWriter).map { Self.names(writer: w, index: $0).parent }
      })
    #expect(Set(try sandbox.query("SELECT parent_name FROM personal_details;")) == expectedNames)
    // Each entry's details are its own parent's: the child typed with the parent, at their station.
    let mismatched = try sandbox.query(
      """
      SELECT count(*) FROM personal_details p JOIN acknowledged_child c ON c.ledger_seq = p.ledger_seq
        JOIN ledger l ON l.seq = p.ledger_seq
        WHERE replace(p.parent_name, 'Parent ', 'Child ') <> c.name
           OR l.station <> 'Station ' || substr(p.parent_name, 9, 1);
      """)
    #expect(mismatched == ["0"])
    try sandbox.expectLedgerWhole(entries: total)

    // And an export afterwards has every row.
    let final = exports.appendingPathComponent("after.csv")
    let result = try sandbox.induction(
      ["export", "acknowledgements", "--out", final.path], timeout: 60)
    #expect(result.status == 0, "\(result.error)")
    #expect(crlfRecordCount(Array(try Data(contentsOf: final))) == total + 1)

    print(
      "load: \(Self.writers) kiosks × \(perWriter) signings = \(total) in \(String(format: "%.1f", seconds)) s "
        + "(\(String(format: "%.1f", Double(total) / seconds)) signings/s), \(exportRows.count) exports meanwhile \(exportRows)"
    )
  }
}
