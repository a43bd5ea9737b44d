/// What a simulated parent reads off a page of `induction serve`: the form's hidden tokens, the
/// heading, the choices and the field. The markup is the server's own (`PageRenderer`); the web
/// tests read it the same way.
struct WebPage {
  /// The page's HTML.
  let html: String

  /// A hidden field's value (`csrf`, `page`); nil when the page has no form.
  func hidden(_ name: String) -> String? {
    guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
    return String(html[range.upperBound...].prefix { $0 != "\"" })
  }

  /// The text between the first `open` (up to its closing `>`) and the next `close`.
  private func element(_ open: String, _ close: String) -> String? {
    guard let start = html.range(of: open)?.upperBound,
      let tagEnd = html[start...].range(of: ">")?.upperBound,
      let end = html[tagEnd...].range(of: close)?.lowerBound
    else { return nil }
    return String(html[tagEnd..<end])
  }

  /// The main heading, as escaped on the page.
  var heading: String { element("<h1 class=\"", "</h1>") ?? "" }

  /// The legend of the page's choices, as escaped on the page.
  var legend: String? { element("<legend class=\"fieldset__legend", "</legend>") }

  /// The label of the page's text field, as escaped on the page.
  var textLabel: String? {
    html.contains("type=\"text\"")
      ? element("<label class=\"label\" for=\"answer\"", "</label>") : nil
  }

  /// Whether the choices are a scenario's (drawn large, one question per page).
  var isQuestion: Bool { html.contains("<legend class=\"fieldset__legend heading-m\">") }

  /// Whether this is the confirmation panel with the reference.
  var isReceipt: Bool { html.contains("class=\"panel__title\"") }

  /// The receipt's reference.
  var reference: String? { element("<strong class=\"reference\"", "</strong>") }

  /// The error summary's first message, when the page has one.
  var error: String? { element("<ul class=\"error-summary__list\"", "</ul>") }

  /// The radio buttons: each one's value and label (as escaped on the page), in order.
  var choices: [(value: String, label: String)] {
    var found: [(String, String)] = []
    var rest = html[...]
    while let input = rest.range(of: "type=\"radio\" value=\"") {
      let value = String(rest[input.upperBound...].prefix { $0 != "\"" })
      guard let labelStart = rest[input.upperBound...].range(of: "<label class=\"radios__label\""),
        let open = rest[labelStart.upperBound...].range(of: ">"),
        let close = rest[open.upperBound...].range(of: "</label>")
      else { break }
      found.append((value, String(rest[open.upperBound..<close.lowerBound])))
      rest = rest[close.upperBound...]
    }
    return found
  }

  /// `text` escaped as the server escapes every string it puts on a page (`WebText`), so it can be
  /// compared with what the page shows.
  static func escaped(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(character)
      }
    }
    return out
  }
}
