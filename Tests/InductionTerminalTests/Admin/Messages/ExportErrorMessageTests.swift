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

  @Test func everyExportErrorIsOneSentenceNamingWhatToDo() {
    let errors: [ExportError] = [
      .targetExists(path: "a.csv"), .notARegularFile(path: "a.csv"), .cannotWrite(path: "a.csv"),
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
