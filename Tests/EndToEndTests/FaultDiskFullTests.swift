import Foundation
import InductionCore
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The disk fills up while a parent signs and while an admin exports: a clear message naming the
/// file, nothing claimed or left half-written, what was typed kept, and the database still whole.
///
/// Two ways to fill it: a file-size limit (`prlimit --fsize`, which makes a write past the limit fail
/// with EFBIG; works anywhere), and a real full disk, a small tmpfs filled with a ballast file (ENOSPC;
/// needs root with CAP_SYS_ADMIN to mount, else those tests are skipped).
@Suite("Fault suite: a full disk while signing and while exporting", .hangGuard)
struct FaultDiskFullTests {
  // MARK: Signing

  @Test func aFileSizeLimitAtTheSigningWriteClaimsNothingKeepsTheDetailsAndSignsOnceThereIsRoom()
    throws
  {
    let prlimit = try #require(BuiltBinary.tool("prlimit"), "prlimit (util-linux) is needed")
    let sandbox = try Sandbox()
    // The limit is set on the running process (`prlimit --pid`) at the last step, so it is the signing
    // write that meets it, not the quiz's; no file may grow past the database files' current size. The
    // soft limit only, so it can be lifted again without privileges. The message must still say the
    // disk is full. (Was a bug, fixed while this suite was written: SQLite reports EFBIG, like a quota's
    // EDQUOT, as SQLITE_IOERR_WRITE rather than SQLITE_FULL, and the program said "cannot write PATH;
    // check the folder exists and this user may write to it".)
    try Self.signOnAFullDisk(
      sandbox,
      fill: { program in
        let sizes = ["", "-wal", "-shm"].map { Self.size(of: sandbox.databasePath + $0) }
        let set = try PipedProgram.run(
          prlimit.path, ["--pid", String(program.pid), "--fsize=\(sizes.max()! + 512):unlimited"],
          environment: sandbox.environment)
        try #require(set.status == 0, "prlimit failed: \(set.error)")
      },
      free: { program in
        let lift = try PipedProgram.run(
          prlimit.path, ["--pid", String(program.pid), "--fsize=unlimited:unlimited"],
          environment: sandbox.environment)
        try #require(lift.status == 0, "prlimit failed: \(lift.error)")
      })
  }

  @Test(.enabled(if: SmallDisk.canMount, "mounting a small tmpfs needs root with CAP_SYS_ADMIN"))
  func aFullDiskAtTheSigningWriteClaimsNothingKeepsTheDetailsAndSignsOnceThereIsRoom() throws {
    let sandbox = try Sandbox()
    // Given the data folder on its own small disk
    let disk = try SmallDisk(at: sandbox.dataDirectory, size: "4m")
    defer { disk.unmount() }
    let ballast = sandbox.dataDirectory.appendingPathComponent("ballast").path
    try Self.signOnAFullDisk(
      sandbox,
      fill: { _ in try disk.fill(with: ballast) },
      free: { _ in try FileManager.default.removeItem(atPath: ballast) })
  }

  /// A parent at the last step; `fill` fills the disk; "yes" twice fails plainly; `free` makes room;
  /// Enter signs, once, with the details typed before.
  private static func signOnAFullDisk(
    _ sandbox: Sandbox, fill: (PipedProgram) throws -> Void, free: (PipedProgram) throws -> Void
  ) throws {
    let script = try SigningScript.learned()
    let name = "Niamh Ó Súilleabháin"
    let child = "Séan Ó Súilleabháin"
    // Given a parent at the last step, details and signature typed
    let program = try sandbox.startPiped(seed: scriptSeed)
    try program.send(SigningScript.text(script.untilConfirmation(name: name, child: child)))
    try program.waitFor(
      "Type yes to sign and save, or no to change your details: ", timeout: stepTimeout)
    // And the disk full from here on
    try fill(program)

    // When the parent types yes, and presses Enter to try again after the first failure
    for attempt in 1...2 {
      try program.sendLine(attempt == 1 ? "yes" : "")
      // Then the program says plainly it could not save, naming the database, and offers to try again
      let screen = try program.waitFor("Press Enter to try again: ", timeout: stepTimeout)
      #expect(
        collapse(screen).contains(
          "Sorry, your acknowledgement could not be saved, so it is not signed yet. Please ask a member of staff."
        ),
        "attempt \(attempt), screen:\n\(screen)")
      #expect(
        screen.contains(sandbox.databasePath),
        "attempt \(attempt): the reason does not name the database:\n\(screen)")
      #expect(
        !screen.contains("busy"),
        "attempt \(attempt): a full disk is not a busy database:\n\(screen)")
      #expect(
        collapse(screen).contains("is full"),
        "attempt \(attempt): the reason does not say the disk is full:\n\(screen)")
      for claim in ["Your reference", "signed and saved", "Thank you"] {
        #expect(
          !program.plainText.contains(claim),
          "attempt \(attempt): \"\(claim)\" shown on a full disk")
      }
      // And nothing of it is in the database
      #expect(try sandbox.count(signedEntries) == 0)
      #expect(try sandbox.count("personal_details") == 0)
      #expect(try sandbox.count("acknowledged_child") == 0)
      #expect(try sandbox.query("SELECT outcome FROM session;") == ["in progress"])
    }

    // When there is room again and Enter is pressed
    try free(program)
    try program.sendLine("")

    // Then it is signed once, with the details typed before, and the database is whole
    try program.waitFor("Your reference: ", timeout: stepTimeout)
    try program.waitFor("\n", timeout: stepTimeout)
    #expect(try program.waitForExit(timeout: stepTimeout) == 0)
    #expect(program.errorOutput.isEmpty, "standard error: \(program.errorOutput)")
    let references = shownReferences(in: program.plainText)
    #expect(references.count == 1)
    #expect(try sandbox.storedReferences() == references)
    #expect(
      try sandbox.query("SELECT parent_name, relationship, signature_text FROM personal_details;")
        == [
          "\(name)|parent|\(name)"
        ])
    #expect(
      try sandbox.query("SELECT name, class_name FROM acknowledged_child;") == [
        "\(child)|\(Parent.className)"
      ])
    #expect(try sandbox.query("SELECT outcome FROM session;") == ["signed"])
    try sandbox.expectLedgerWhole(entries: 1)
  }

  // MARK: Exporting

  @Test func aFileSizeLimitWhileExportingFailsNamingTheFileAndLeavesNoFileBehind() throws {
    let prlimit = try #require(BuiltBinary.tool("prlimit"), "prlimit (util-linux) is needed")
    let (sandbox, rows) = try Self.seeded()
    let folder = try sandbox.exportsFolder()
    let target = folder.appendingPathComponent("acknowledgements.csv")
    let databaseSize = Self.size(of: sandbox.databasePath)
    #expect(
      databaseSize > 256 * 1024,
      "the database (\(databaseSize) bytes) should be larger than the limit")

    // When it is exported with room for only 64 KiB in any one file
    let program = try PipedProgram(
      executable: prlimit.path,
      arguments: [
        "--fsize=65536:unlimited", sandbox.executable.path, "export", "acknowledgements", "--out",
        target.path,
        "--data-dir", sandbox.dataDirectory.path,
      ], environment: sandbox.environment)
    program.closeInput()
    let status = try program.waitForExit(timeout: 60)

    // Then it fails plainly, no file is left, and the database is whole
    try Self.expectFailedExport(
      status: status, output: program.output, error: program.errorOutput, target: target,
      folder: folder)
    try Self.expectExportWorksWithRoom(sandbox, rows: rows, target: target, folder: folder)
  }

  @Test(.enabled(if: SmallDisk.canMount, "mounting a small tmpfs needs root with CAP_SYS_ADMIN"))
  func aFullDiskWhileExportingFailsNamingTheFileAndLeavesNoFileBehind() throws {
    let (sandbox, rows) = try Self.seeded()
    // Given an exports folder on its own disk of 128 KiB (the export is about 500 kB)
    let folder = try sandbox.exportsFolder()
    let target = folder.appendingPathComponent("acknowledgements.csv")
    let disk = try SmallDisk(at: folder, size: "128k")
    defer { disk.unmount() }

    // When it is exported there
    let result = try sandbox.induction(
      ["export", "acknowledgements", "--out", target.path], timeout: 60)

    // Then it fails plainly, no file is left, and the database is whole
    try Self.expectFailedExport(
      status: result.status, output: result.output, error: result.error, target: target,
      folder: folder)
    disk.unmount()
    try Self.expectExportWorksWithRoom(sandbox, rows: rows, target: target, folder: folder)
  }

  /// A data folder with 3,000 acknowledgements (an export of about 500 kB).
  private static func seeded() throws -> (Sandbox, Int) {
    let sandbox = try Sandbox()
    let rows = 3_000
    do {
      let builder = try sandbox.seed()
      try builder.bulk(count: rows, start: LedgerBuilder.utc("2026-07-01 08:00"))
    }
    return (sandbox, rows)
  }

  /// Status 1 (not killed by SIGXFSZ), one plain sentence naming the file and saying the disk is
  /// full, no "wrote" on standard output, no file at the target and no temporary file beside it.
  private static func expectFailedExport(
    status: Int32, output: String, error: String, target: URL, folder: URL
  ) throws {
    #expect(status == 1, "status \(status); standard error: \(error)")
    let message = error.trimmingCharacters(in: .newlines)
    #expect(!message.contains("\n"), "more than one line: \(message)")
    #expect(message.hasPrefix("induction: "), "\(message)")
    #expect(message.contains(target.path), "the message does not name the file: \(message)")
    #expect(
      message.lowercased().contains("full"), "the message does not say the disk is full: \(message)"
    )
    #expect(!output.contains("wrote"), "standard output: \(output)")
    #expect(
      !FileManager.default.fileExists(atPath: target.path),
      "a partial export was left at the target")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path) == [],
      "left behind in the folder")
  }

  /// The database verifies, and an export with room writes every row and nothing else.
  private static func expectExportWorksWithRoom(
    _ sandbox: Sandbox, rows: Int, target: URL, folder: URL
  ) throws {
    try sandbox.expectLedgerWhole(entries: rows, sessions: false)
    let again = try sandbox.induction(
      ["export", "acknowledgements", "--out", target.path], timeout: 60)
    #expect(again.status == 0, "\(again.error)")
    #expect(crlfRecordCount(Array(try Data(contentsOf: target))) == rows + 1)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["acknowledgements.csv"])
  }

  static func size(of path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : 0
  }
}

/// A small tmpfs mounted over a folder of the sandbox: a disk that really fills up (ENOSPC).
final class SmallDisk {
  let folder: URL
  private var mounted = true

  static let mount = "/bin/mount"
  static let umount = "/bin/umount"

  /// Whether this process may mount a tmpfs (tried once on a scratch folder).
  static let canMount: Bool = {
    guard runningAsRoot, FileManager.default.isExecutableFile(atPath: mount),
      FileManager.default.isExecutableFile(atPath: umount)
    else { return false }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "induction-tmpfs-probe-\(getpid())")
    defer { try? FileManager.default.removeItem(at: scratch) }
    guard
      (try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true))
        != nil,
      let result = try? PipedProgram.run(
        mount, ["-t", "tmpfs", "-o", "size=64k", "tmpfs", scratch.path]),
      result.status == 0
    else { return false }
    _ = try? PipedProgram.run(umount, [scratch.path])
    return true
  }()

  /// Mounts a tmpfs of `size` (e.g. "4m") over `folder`, created if needed, mode 0700.
  init(at folder: URL, size: String) throws {
    self.folder = folder
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let result = try PipedProgram.run(
      Self.mount, ["-t", "tmpfs", "-o", "size=\(size),mode=0700", "tmpfs", folder.path])
    guard result.status == 0 else { throw BuiltBinaryError("mount failed: \(result.error)") }
  }

  deinit { unmount() }

  /// Unmounts it (lazily, so a file still open cannot keep it); harmless when already done.
  func unmount() {
    guard mounted else { return }
    mounted = false
    _ = try? PipedProgram.run(Self.umount, ["-l", folder.path])
  }

  /// Writes `path` until the disk refuses even one more byte.
  func fill(with path: String) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else {
      throw BuiltBinaryError("could not create \(path): \(String(cString: strerror(errno)))")
    }
    defer { close(fd) }
    for chunk in [65536, 4096, 512, 1] {
      let bytes = [UInt8](repeating: 0x42, count: chunk)
      while bytes.withUnsafeBytes({ write(fd, $0.baseAddress, chunk) }) > 0 {}
      guard errno == ENOSPC else {
        throw BuiltBinaryError("filling \(path) failed: \(String(cString: strerror(errno)))")
      }
    }
  }
}
