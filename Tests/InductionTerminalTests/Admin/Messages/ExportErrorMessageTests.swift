import InductionCore
import Testing

@testable import InductionTerminal

@Suite("Export errors as the command line says them")
struct ExportErrorMessageTests {
  @Test func aTargetThatIsNotAFileNamesTheOutOption() {
    #expect(
      AdminCommands.message(for: ExportError.notARegularFile(path: "/dev/null"))
        == "/dev/null is not a regular file (it is a folder, device, pipe, socket or link), so it is never replaced; choose a file name for --out"
    )
  }

  @Test func aWorkbookOnStandardOutputSuggestsAFileAndCSV() {
    #expect(
      AdminCommands.message(
        for: ExportError.workbookToStandardOutput(suggestedName: "outstanding.xlsx"))
        == "an Excel workbook cannot be written to standard output; give --out a file name such as "
        + "outstanding.xlsx, or use --format csv")
  }

  @Test func theWriterFailuresSayWhatToDo() {
    #expect(
      AdminCommands.message(for: ExportError.targetExists(path: "Exports/x.csv"))
        == "Exports/x.csv already exists; choose another --out or add --force to replace it")
    #expect(
      AdminCommands.message(for: ExportError.cannotWrite(path: "Exports/x.csv"))
        == "cannot write Exports/x.csv; check the folder exists and you may write to it")
    #expect(
      AdminCommands.message(for: ExportError.diskFull(path: "Exports/x.csv"))
        == "the disk is full while writing Exports/x.csv; free some space and export again; "
        + "nothing was written")
    #expect(
      AdminCommands.message(for: ExportError.streamInterrupted(path: "standard output"))
        == "writing to standard output stopped part-way, so the output is incomplete; "
        + "check the disk or the program reading it and export again")
  }

  @Test func everyExportErrorIsOneSentenceNamingWhatToDo() {
    let errors: [ExportError] = [
      .targetExists(path: "a.csv"), .notARegularFile(path: "a.csv"), .namesAFolder(path: "a/"),
      .cannotWrite(path: "a.csv"),
      .diskFull(path: "a.csv"), .streamInterrupted(path: "-"),
      .workbookToStandardOutput(suggestedName: "a.xlsx"),
      .formatContradictsName(format: "csv", path: "a.xlsx"), .tooManyRows(path: "a.xlsx"),
      .cellTooLong(path: "a.xlsx"),
    ]
    for error in errors {
      let message = AdminCommands.message(for: error)
      #expect(!message.contains("\n") && !message.hasPrefix("something went wrong"), "\(error)")
    }
  }
}
