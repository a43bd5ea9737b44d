import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// An Excel workbook read back from its file, independently of the program: unzipped with
/// ZIPFoundation and parsed with Foundation's XMLParser. Holds what the tests look at: each sheet's
/// cells with their type and style, its frozen rows, autofilter and column widths, and the document's
/// title and author. Text comes from shared strings or inline strings, with Office Open XML's
/// `_xHHHH_` escapes turned back into characters, as Excel and LibreOffice read them.
public struct Workbook {
  /// What a cell holds.
  public enum Value: Equatable, CustomStringConvertible {
    /// A text cell (shared or inline string).
    case text(String)
    /// A number (dates are numbers with a date format).
    case number(Double)
    /// Anything else: a formula, a boolean, an error.
    case other(String)

    public var description: String {
      switch self {
      case .text(let text): "text \(text.debugDescription)"
      case .number(let number): "number \(number)"
      case .other(let raw): "other \(raw)"
      }
    }
  }

  /// One cell.
  public struct Cell: Equatable {
    /// The value.
    public var value: Value
    /// The number format code (`General` when none was set).
    public var numberFormat: String
    /// Whether the font is bold.
    public var isBold: Bool

    /// A cell as the tests expect it.
    public init(value: Value, numberFormat: String = "General", isBold: Bool = false) {
      self.value = value
      self.numberFormat = numberFormat
      self.isBold = isBold
    }
  }

  /// One worksheet.
  public struct Sheet {
    /// The tab's name.
    public var name: String
    /// Rows from the first (the header), each as wide as its last cell; a missing cell is nil.
    public var rows: [[Cell?]]
    /// Rows frozen at the top (from the sheet view's frozen pane), 0 when none.
    public var frozenRows: Int
    /// The autofilter's range, such as `A1:J3`.
    public var autoFilter: String?
    /// Column widths set, by zero-based column.
    public var columnWidths: [Int: Double]

    /// The values of row `index`, `columns` wide (missing cells as empty text).
    public func values(_ index: Int, columns: Int) -> [Value] {
      (0..<columns).map { column in
        column < rows[index].count ? rows[index][column]?.value ?? .text("") : .text("")
      }
    }
  }

  /// The sheets in tab order.
  public var sheets: [Sheet]
  /// The document title (`dc:title`).
  public var title: String?
  /// The document author (`dc:creator`).
  public var author: String?

  /// The sheet called `name`.
  public func sheet(_ name: String) -> Sheet? { sheets.first { $0.name == name } }

  /// Reads the workbook at `url`.
  public init(contentsOf url: URL) throws {
    let archive = try Archive(url: url, accessMode: .read)
    func part(_ path: String) throws -> Data? {
      guard let entry = archive[path] else { return nil }
      var data = Data()
      _ = try archive.extract(entry) { data.append($0) }
      return data
    }
    func required(_ path: String) throws -> Data {
      guard let data = try part(path) else { throw WorkbookError("no \(path) in the workbook") }
      return data
    }

    let relationships = try XMLElements.parse(required("xl/_rels/workbook.xml.rels"))
      .filter { $0.name == "Relationship" }
    var targets: [String: String] = [:]
    for relationship in relationships {
      if let id = relationship.attributes["Id"], let target = relationship.attributes["Target"] {
        targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
      }
    }
    let shared = try part("xl/sharedStrings.xml").map(Self.sharedStrings) ?? []
    let styles = try Styles(required("xl/styles.xml"))

    sheets = []
    for sheet in try XMLElements.parse(required("xl/workbook.xml")).filter({ $0.name == "sheet" }) {
      guard let name = sheet.attributes["name"], let id = sheet.attributes["r:id"],
        let path = targets[id]
      else { throw WorkbookError("a sheet without a name or target") }
      sheets.append(try Self.sheet(name: name, xml: required(path), shared: shared, styles: styles))
    }

    let core = try part("docProps/core.xml").map(XMLElements.parse) ?? []
    title = core.first { $0.name == "dc:title" }?.text
    author = core.first { $0.name == "dc:creator" }?.text
  }

  /// Text with Office Open XML's `_xHHHH_` escapes (UTF-16 code units) turned back into characters.
  public static func unescaped(_ text: String) -> String {
    guard text.contains("_x") else { return text }
    let units = Array(text.utf16)
    var out: [UInt16] = []
    var index = 0
    while index < units.count {
      if index + 6 < units.count, units[index] == 0x5F, units[index + 1] == 0x78,
        units[index + 6] == 0x5F,
        let value = UInt16(
          String(decoding: units[(index + 2)...(index + 5)], as: UTF16.self), radix: 16),
        units[(index + 2)...(index + 5)].allSatisfy({ Self.isHexDigit($0) })
      {
        out.append(value)
        index += 7
      } else {
        out.append(units[index])
        index += 1
      }
    }
    return String(decoding: out, as: UTF16.self)
  }

  private static func isHexDigit(_ unit: UInt16) -> Bool {
    (0x30...0x39).contains(unit) || (0x41...0x46).contains(unit) || (0x61...0x66).contains(unit)
  }

  private static func sharedStrings(_ data: Data) throws -> [String] {
    // Each <si> is its <t> elements joined (plain text or rich-text runs), phonetic runs aside.
    try XMLElements.parse(data).filter { $0.name == "si" }.map { item in
      unescaped(
        item.descendants.filter { $0.name == "t" && !$0.isInside("rPh") }.map(\.text).joined())
    }
  }

  private static func sheet(name: String, xml: Data, shared: [String], styles: Styles) throws
    -> Sheet
  {
    var sheet = Sheet(name: name, rows: [], frozenRows: 0, autoFilter: nil, columnWidths: [:])
    for element in try XMLElements.parse(xml) {
      switch element.name {
      case "pane":
        if element.attributes["state"] == "frozen" {
          sheet.frozenRows = Int(element.attributes["ySplit"] ?? "0") ?? 0
        }
      case "autoFilter":
        sheet.autoFilter = element.attributes["ref"]
      case "col":
        if let min = Int(element.attributes["min"] ?? ""),
          let max = Int(element.attributes["max"] ?? ""),
          let width = Double(element.attributes["width"] ?? "")
        {
          for column in min...max { sheet.columnWidths[column - 1] = width }
        }
      case "c":
        guard let reference = element.attributes["r"], let (row, column) = Self.position(reference)
        else { throw WorkbookError("a cell without a reference") }
        let style = Int(element.attributes["s"] ?? "0") ?? 0
        let value: Value
        if element.children.contains(where: { $0.name == "f" }) {
          value = .other("formula")
        } else {
          switch element.attributes["t"] ?? "n" {
          case "inlineStr":
            let texts = element.descendants.filter { $0.name == "t" && !$0.isInside("rPh") }
            value = .text(unescaped(texts.map(\.text).joined()))
          case "s":
            guard let index = Int(element.child("v")?.text ?? ""), index < shared.count else {
              throw WorkbookError("a shared string index out of range in \(reference)")
            }
            value = .text(shared[index])
          case "n":
            guard let number = Double(element.child("v")?.text ?? "") else {
              throw WorkbookError("a number cell without a number in \(reference)")
            }
            value = .number(number)
          case let type:
            value = .other("\(type):\(element.child("v")?.text ?? "")")
          }
        }
        while sheet.rows.count <= row { sheet.rows.append([]) }
        while sheet.rows[row].count <= column { sheet.rows[row].append(nil) }
        sheet.rows[row][column] = Cell(
          value: value, numberFormat: styles.numberFormat(style), isBold: styles.isBold(style))
      default: break
      }
    }
    return sheet
  }

  /// `AB12` → (row 11, column 27), zero-based.
  static func position(_ reference: String) -> (Int, Int)? {
    let letters = reference.prefix { $0.isLetter }
    guard let row = Int(reference.dropFirst(letters.count)), !letters.isEmpty else { return nil }
    let column = letters.uppercased().unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 }
    return (row - 1, column - 1)
  }

  /// The cell formats: number format and boldness, by style index.
  private struct Styles {
    /// Excel's built-in number formats that the program may use.
    static let builtIn: [Int: String] = [
      0: "General", 1: "0", 2: "0.00", 9: "0%", 10: "0.00%", 14: "m/d/yyyy", 22: "m/d/yyyy h:mm",
    ]
    var formats: [Int: String] = [:]
    var boldFonts: Set<Int> = []
    var cellFormats: [(numberFormat: Int, font: Int)] = []

    init(_ data: Data) throws {
      let elements = try XMLElements.parse(data)
      for element in elements where element.name == "numFmt" {
        if let id = Int(element.attributes["numFmtId"] ?? ""),
          let code = element.attributes["formatCode"]
        {
          formats[id] = code
        }
      }
      for (index, font) in elements.filter({ $0.name == "font" && $0.isInside("fonts") })
        .enumerated()
      where font.children.contains(where: { $0.name == "b" }) {
        boldFonts.insert(index)
      }
      for xf in elements where xf.name == "xf" && xf.isInside("cellXfs") {
        cellFormats.append(
          (Int(xf.attributes["numFmtId"] ?? "0") ?? 0, Int(xf.attributes["fontId"] ?? "0") ?? 0))
      }
    }

    func numberFormat(_ style: Int) -> String {
      guard style < cellFormats.count else { return "General" }
      let id = cellFormats[style].numberFormat
      return formats[id] ?? Self.builtIn[id] ?? "builtin \(id)"
    }

    func isBold(_ style: Int) -> Bool {
      style < cellFormats.count && boldFonts.contains(cellFormats[style].font)
    }
  }
}

/// A workbook that could not be read.
public struct WorkbookError: Error, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}

/// An XML document as a flat list of elements in document order, each knowing its text, attributes,
/// children and ancestors: enough to read the parts of a workbook without a DOM.
final class XMLElements: NSObject, XMLParserDelegate {
  final class Element {
    let name: String
    let attributes: [String: String]
    let ancestors: [String]
    var text = ""
    var children: [Element] = []

    init(name: String, attributes: [String: String], ancestors: [String]) {
      self.name = name
      self.attributes = attributes
      self.ancestors = ancestors
    }

    func isInside(_ name: String) -> Bool { ancestors.contains(name) }
    func child(_ name: String) -> Element? { children.first { $0.name == name } }
    var descendants: [Element] { children.flatMap { [$0] + $0.descendants } }
  }

  private var all: [Element] = []
  private var stack: [Element] = []

  /// Every element of `data`, or an error when it is not well-formed XML.
  static func parse(_ data: Data) throws -> [Element] {
    // From a stream: given as one Data, Foundation on Linux hands libxml2 the whole document at
    // once, and libxml2 refuses a chunk over 10 MB (a sheet of 20,000 rows is larger).
    let parser = XMLParser(stream: InputStream(data: data))
    let delegate = XMLElements()
    parser.delegate = delegate
    guard parser.parse() else {
      throw WorkbookError("not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")")
    }
    return delegate.all
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    let element = Element(
      name: elementName, attributes: attributes, ancestors: stack.map(\.name))
    stack.last?.children.append(element)
    stack.append(element)
    all.append(element)
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    stack.last?.text += string
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName: String?
  ) {
    stack.removeLast()
  }
}

extension Workbook.Cell {
  /// The cell as the tests compare it: text as it is; a date-time as `yyyy-MM-dd HH:mm:ss`, the
  /// wall-clock time it holds to the second; a fraction format `?/N` as `n/N`; a percentage as the
  /// share to nine places; any other number as its digits.
  public var shown: String {
    switch value {
    case .text(let text): return text
    case .other(let raw): return "<\(raw)>"
    case .number(let number):
      if numberFormat == "yyyy-mm-dd hh:mm" { return Workbook.wallClock(serial: number) }
      if numberFormat.hasPrefix("?/"), let denominator = Int(numberFormat.dropFirst(2)) {
        return "\(Int((number * Double(denominator)).rounded()))/\(denominator)"
      }
      if numberFormat == "0%" { return String(format: "%.9f", number) }
      if number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
      return String(number)
    }
  }
}

extension Optional where Wrapped == Workbook.Cell {
  /// ``Workbook/Cell/shown``, or empty text for a missing cell.
  public var shown: String { self?.shown ?? "" }
}

extension Workbook {
  /// The wall-clock time a spreadsheet serial holds (days since 1899-12-30), to the nearest second,
  /// as `yyyy-MM-dd HH:mm:ss`; worked out with Foundation, independently of the program.
  public static func wallClock(serial: Double) -> String {
    let seconds = ((serial - 25_569) * 86_400).rounded()
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")!
    formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
    return formatter.string(from: Date(timeIntervalSince1970: seconds))
  }

  /// The rows of `sheet` as ``Cell/shown`` strings, each `columns` wide.
  public func shownRows(_ sheet: String, columns: Int) -> [[String]]? {
    self.sheet(sheet).map { sheet in
      sheet.rows.map { row in (0..<columns).map { $0 < row.count ? row[$0].shown : "" } }
    }
  }
}
