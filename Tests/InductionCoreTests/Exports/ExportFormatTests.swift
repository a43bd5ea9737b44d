import InductionCore
import Testing

@Suite("Exports: choosing CSV or a workbook")
struct ExportFormatTests {
  @Test(
    arguments: [
      (nil, nil, ExportFormat.csv), (nil, "list.csv", .csv), (nil, "-", .csv),
      (nil, "Exports/List.XLSX", .xlsx), (nil, "list.xlsx.bak", .csv), (.xlsx, nil, .xlsx),
      (.xlsx, "report", .xlsx), (.csv, "list.csv", .csv), (.xlsx, "list.xlsx", .xlsx),
    ] as [(ExportFormat?, String?, ExportFormat)])
  func theFormatIsTheOneAskedForElseTheFileNamesElseCSV(
    asked: ExportFormat?, out: String?, expected: ExportFormat
  ) throws {
    #expect(try ExportFormat.chosen(asked: asked, out: out, name: "completion") == expected)
  }

  @Test func aWorkbookOnStandardOutputIsRefusedWithOnePlainSentence() {
    #expect(throws: ExportError.workbookToStandardOutput(suggestedName: "outstanding.xlsx")) {
      try ExportFormat.chosen(asked: .xlsx, out: "-", name: "outstanding")
    }
  }

  @Test(arguments: [(ExportFormat.csv, "list.xlsx"), (.xlsx, "list.csv")])
  func aFormatThatContradictsTheFileNameIsRefused(asked: ExportFormat, out: String) {
    #expect(
      throws: ExportError.formatContradictsName(format: asked.rawValue, path: out)
    ) {
      try ExportFormat.chosen(asked: asked, out: out, name: "completion")
    }
  }
}
