import Foundation
import Yams

/// A YAML file parsed into nodes that remember their line, so every problem names `file:line`.
struct YAMLDocument {
  let file: String
  let root: Node

  /// Parses `text`; a syntax error becomes one problem at the line libyaml reports.
  static func parse(_ text: String, file: String) -> Result<YAMLDocument, LintProblem> {
    do {
      guard let root = try Yams.compose(yaml: text) else {
        return .failure(LintProblem(file: file, line: 1, reason: "file is empty"))
      }
      return .success(YAMLDocument(file: file, root: root))
    } catch let error as YamlError {
      return .failure(problem(for: error, file: file))
    } catch {
      return .failure(LintProblem(file: file, line: 1, reason: "YAML could not be read"))
    }
  }

  private static func problem(for error: YamlError, file: String) -> LintProblem {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      return LintProblem(file: file, line: mark.line, reason: "YAML syntax error: \(problem)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      // Named only when they look like field names: in a file that is not what it should be
      // (a link to /etc/shadow, a copied password file), a "key" is a line of someone's data.
      guard duplicates.allSatisfy(looksLikeFieldName) else {
        return LintProblem(file: file, line: context.mark.line, reason: "a field is repeated")
      }
      let keys = duplicates.sorted().joined(separator: ", ")
      return LintProblem(file: file, line: context.mark.line, reason: "field repeated: \(keys)")
    case .reader(let problem, _, _, _):
      return LintProblem(file: file, line: 1, reason: "YAML could not be read: \(problem)")
    default:
      return LintProblem(file: file, line: 1, reason: "YAML could not be read")
    }
  }
}

extension YAMLDocument {
  /// Whether `key` could be a field name (`time_zone`, `welcome.prompt`): short, and only letters,
  /// digits, `_`, `.` and `-`.
  static func looksLikeFieldName(_ key: String) -> Bool {
    (1...64).contains(key.count)
      && key.unicodeScalars.allSatisfy {
        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
          || $0 == "_" || $0 == "." || $0 == "-"
      }
  }

  /// The YAML mapping in `url`, or nil with the reason added to `problems`: the file cannot be
  /// read, is not YAML, or is not a mapping with at least one of the `known` fields (then the
  /// reason is `expected fields such as …`, naming `expected`, and nothing of the file is quoted:
  /// it is not the file it should be, and its lines may be anyone's data).
  static func loadMapping(
    _ url: URL, file: String, expected: String, known: Set<String>,
    problems: inout [LintProblem]
  ) -> YAMLDocument? {
    let text: String
    switch TextFileReader.read(url) {
    case .failure(let failure):
      problems.append(LintProblem(file: file, line: 1, reason: TextFileReader.reason(failure)))
      return nil
    case .success(let read): text = read
    }
    let document: YAMLDocument
    switch YAMLDocument.parse(text, file: file) {
    case .failure(let problem):
      problems.append(problem)
      return nil
    case .success(let parsed): document = parsed
    }
    guard let mapping = document.root.mapping,
      mapping.contains(where: { $0.key.string.map(known.contains) ?? false })
    else {
      problems.append(
        LintProblem(file: file, line: document.root.line, reason: "expected \(expected)"))
      return nil
    }
    return document
  }
}

extension Node {
  /// 1-based line where this node starts (1 when unknown).
  var line: Int { mark?.line ?? 1 }
}

/// Reads typed fields out of one YAML mapping, collecting a problem for each one missing or mistyped.
struct FieldReader {
  let file: String
  let mapping: Node.Mapping
  let mappingLine: Int
  let context: String
  var problems: [LintProblem] = []

  init(file: String, node: Node, context: String, known: Set<String>) {
    self.file = file
    self.mapping = node.mapping ?? Node.Mapping([])
    self.mappingLine = node.line
    self.context = context
    for (key, _) in mapping {
      let name = key.string ?? ""
      if !known.contains(name) {
        problems.append(
          LintProblem(
            file: file, line: key.line,
            reason:
              "\(context)unknown field \"\(name)\" (expected one of: \(known.sorted().joined(separator: ", ")))"
          ))
      }
    }
  }

  func node(_ name: String) -> Node? { mapping[name] }

  /// The line of the key `name` (where staff look for a field), else of the mapping.
  func keyLine(_ name: String) -> Int {
    mapping.first(where: { $0.key.string == name })?.key.line ?? mappingLine
  }

  /// A required non-empty text field.
  mutating func text(_ name: String) -> String? {
    guard let node = mapping[name] else {
      problems.append(
        LintProblem(file: file, line: mappingLine, reason: "\(context)missing \"\(name)\""))
      return nil
    }
    guard let scalar = node.scalar else {
      problems.append(
        LintProblem(file: file, line: node.line, reason: "\(context)\"\(name)\" should be text"))
      return nil
    }
    let value = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
    if value.isEmpty {
      problems.append(
        LintProblem(file: file, line: node.line, reason: "\(context)\"\(name)\" is empty"))
      return nil
    }
    if let reason = Self.unsafeTextReason(value, field: "\"\(name)\"") {
      problems.append(LintProblem(file: file, line: node.line, reason: context + reason))
      return nil
    }
    return value
  }

  /// Why `value` cannot be shown to parents or stored, when it holds a control, text-direction or
  /// other invisible formatting character (an escape sequence, a bidi override); nil when it is
  /// plain text. Line breaks inside a folded block are allowed.
  static func unsafeTextReason(_ value: String, field: String) -> String? {
    guard
      let bad = value.unicodeScalars.first(where: {
        $0 != "\n" && (Sanitiser.isUnsafe($0) || $0.properties.generalCategory == .format)
      })
    else { return nil }
    return
      "\(field) contains a control or text-direction character (U+\(String(bad.value, radix: 16, uppercase: true).leftPadded(to: 4))); retype it without one"
  }
}

extension String {
  /// The string with leading zeros up to `width` characters.
  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
