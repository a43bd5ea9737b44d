import InductionCore

extension ExportError: CommandLineMessage {
  /// The sentence shown, naming `--out`, `--force`, `--format` and the filters.
  public var commandLineMessage: String {
    switch self {
    case .targetExists(let path):
      "\(path) already exists; choose another --out or add --force to replace it"
    case .notARegularFile(let path):
      "\(path) is not a regular file (it is a folder, device, pipe, socket or link), so it is never replaced; choose a file name for --out"
    case .namesAFolder(let path):
      "\(path) names a folder, not a file; give --out a file name, such as \(path)report.csv"
    case .cannotWrite(let path):
      "cannot write \(path); check the folder exists and you may write to it"
    case .diskFull(let path):
      "the disk is full while writing \(path); free some space and export again; "
        + "nothing was written"
    case .streamInterrupted(let path):
      "writing to \(path) stopped part-way, so the output is incomplete; "
        + "check the disk or the program reading it and export again"
    case .workbookToStandardOutput(let name):
      "an Excel workbook cannot be written to standard output; give --out a file name such as "
        + "\(name), or use --format csv"
    case .formatContradictsName(let format, let path):
      "--format \(format) does not match --out \(path); name the file .\(format) or leave out --format"
    case .tooManyRows(let path):
      "\(path) would have more rows than an Excel sheet holds (1,048,575); "
        + "narrow it with --since, --until or --class, or use --format csv; nothing was written"
    case .cellTooLong(let path):
      "a cell is longer than Excel allows (32,767 characters), so \(path) was not written; "
        + "use --format csv"
    }
  }
}
