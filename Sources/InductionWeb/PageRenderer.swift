import Foundation
import InductionCore

/// Draws a web session's page: the induction's screens as GOV.UK-style HTML, one question per
/// page, with the error summary at the top linked to the field, and the forms that answer it. It
/// holds no rule of the induction; every string goes through ``WebText``.
struct PageRenderer {
  let content: SchoolContent
  let session: WebSession
  /// The content in the session's language, and its words: looked up once per page.
  private let shown: LocalisedContent
  private let phrases: Phrases

  init(content: SchoolContent, session: WebSession) {
    self.content = content
    self.session = session
    shown = content.content(for: session.state.language) ?? content.english
    phrases = Phrases.for(shown)
  }

  private var language: String { session.state.language }

  /// The page's title (the school's name after what the page is).
  var title: String {
    let heading = session.view.screens.lazy.compactMap(headingText).first
    let school = shown.catalog.school.name
    return heading.map { "\($0) – \(school)" } ?? school
  }

  /// The main content.
  func body() -> WebText {
    var parts: [WebText] = []
    if let message = session.message {
      parts.append(
        "<div class=\"banner\" role=\"status\"><p>\(phrases.string(message))</p></div>")
    }
    let errors = errorMessages
    if !errors.isEmpty { parts.append(errorSummary(errors)) }
    if let ending = session.view.ending, ending != .signed {
      parts.append(endedPage(ending))
      return WebText(stringInterpolation: joined(parts))
    }
    let screens = session.view.screens
    let hasFeedback = screens.contains { if case .feedback = $0 { true } else { false } }
    for screen in screens {
      if hasFeedback, case .question = screen { continue }
      parts.append(draw(screen))
    }
    for notice in session.view.notices { parts.append(draw(notice)) }
    if let prompt = session.view.prompt {
      parts.append(form(for: prompt, errors: errors))
      if prompt.help != nil, screens.first != .welcome { parts.append(commands(for: prompt)) }
    }
    return WebText(stringInterpolation: joined(parts))
  }

  private func joined(_ parts: [WebText]) -> WebText.Interpolation {
    var interpolation = WebText.Interpolation(literalCapacity: 0, interpolationCount: parts.count)
    interpolation.appendInterpolation(parts)
    return interpolation
  }

  // MARK: - Screens

  private func headingText(_ screen: InductionScreen) -> String? {
    switch screen {
    case .welcome:
      phrases.string(.welcomeHeading, ["school": shown.catalog.school.name])
    case .changesIntro: phrases.string(.changesHeading)
    case .guidancePage(let index, let count): guidanceHeading(index, count)
    case .question(let question): questionHeading(question)
    case .summary: phrases.string(.summaryHeading)
    case .details: phrases.string(.detailsHeading)
    case .statement: phrases.string(.signHeading)
    case .receipt: phrases.string(.receiptHeading)
    default: nil
    }
  }

  private func guidanceHeading(_ index: Int, _ count: Int) -> String {
    phrases.string(
      .guidanceHeading,
      [
        "title": shown.catalog.guidance.title, "number": String(index + 1),
        "total": String(count),
      ])
  }

  private func questionHeading(_ question: QuestionShown) -> String {
    phrases.string(
      question.isRetry ? .quizHeadingAgain : .quizHeading,
      [
        "number": String(question.number), "total": String(question.total),
        "title": question.scenario.title,
      ])
  }

  private func paragraph(_ text: String) -> WebText { "<p class=\"body\">\(text)</p>" }

  private func bullets(_ items: [String]) -> WebText {
    "<ul class=\"list list--bullet\">\(items.map { "<li>\($0)</li>" as WebText })</ul>"
  }

  /// A reworded text with its changed words in [brackets] inside `tag` (`ins` or `del`).
  private func marked(_ pieces: [EditedText.Piece], tag: String) -> WebText {
    let drawn: [WebText] = pieces.enumerated().map { index, piece in
      let space: WebText = index == 0 ? "" : " "
      return piece.isSame
        ? space + "\(piece.text)"
        : space + WebText(trusted: "<\(tag)>") + "[\(piece.text)]" + WebText(trusted: "</\(tag)>")
    }
    return "\(drawn)"
  }

  private func draw(_ screen: InductionScreen) -> WebText {
    switch screen {
    case .welcome: return welcome()
    case .storeProblem(let saving, _):
      // The store's own sentence is for staff, in English: a parent reads only their language.
      return
        "<div class=\"warning\"><p>\(phrases.string(saving ? .storeCannotSave : .storeCannotStart))</p></div>"
    case .changesIntro:
      return "<h1 class=\"heading-l\">\(phrases.string(.changesHeading))</h1>"
        + paragraph(phrases.string(.changesIntro))
    case .changes(.otherLanguage):
      return paragraph(phrases.string(.changesOtherLanguage))
    case .changes(.changed(let added, let removed, let edited)):
      if added.isEmpty && removed.isEmpty && edited.isEmpty {
        return paragraph(phrases.string(.changesNothing))
      }
      var html: WebText = ""
      if !added.isEmpty { html = html + paragraph(phrases.string(.changesAdded)) + bullets(added) }
      if !edited.isEmpty {
        let items: [WebText] = edited.map { item in
          """
          <li>\(marked(item.now, tag: "ins"))<br>\(phrases.string(.changesBefore)) \
          \(marked(item.before, tag: "del"))</li>
          """
        }
        html =
          html + paragraph(phrases.string(.changesEdited))
          + "<ul class=\"list list--bullet\">\(items)</ul>"
      }
      if !removed.isEmpty {
        html = html + paragraph(phrases.string(.changesRemoved)) + bullets(removed)
      }
      return html
    case .guidancePage(let index, let count):
      let pages = shown.catalog.guidance.pages
      let blocks = pages.indices.contains(index) ? pages[index] : []
      let drawn: [WebText] = blocks.map { block in
        switch block {
        case .paragraph(let text): paragraph(text)
        case .bullets(let items): bullets(items)
        }
      }
      return "<h1 class=\"heading-l\">\(guidanceHeading(index, count))</h1>\(drawn)"
    case .retriesIntro(let count):
      return "<h2 class=\"heading-m\">\(phrases.string(.quizAgainHeading))</h2>"
        + paragraph(phrases.string(.quizAgain, count: count))
    case .question(let question):
      return "<h1 class=\"heading-l\">\(questionHeading(question))</h1>"
        + paragraph(question.scenario.situation)
    case .feedback(let correct, let feedback):
      let verdict = phrases.string(correct ? .quizRight : .quizWrong)
      var html: WebText =
        "<h1 class=\"heading-l feedback feedback--\(correct ? "right" : "wrong")\">\(verdict)</h1>"
        + paragraph(feedback)
      if !correct { html = html + paragraph(phrases.string(.quizComeBack)) }
      return html
    case .summary(let correct, let total):
      return "<h1 class=\"heading-l\">\(phrases.string(.summaryHeading))</h1>"
        + paragraph(
          phrases.string(.summaryScore, ["correct": String(correct), "total": String(total)]))
    case .details(let kept):
      var html: WebText = "<h1 class=\"heading-l\">\(phrases.string(.detailsHeading))</h1>"
      if kept { html = html + paragraph(phrases.string(.detailsKept)) }
      return html
    case .relationships, .classes, .changeChoices:
      // Listed as the options of the question that follows.
      return ""
    case .check(let details):
      var lines = [
        phrases.string(
          .detailsCheckYou, ["name": details.name, "relationship": details.relationship])
      ]
      for child in details.children {
        lines.append(
          phrases.string(.detailsCheckChild, ["name": child.name, "class": child.classLabel]))
      }
      return "<h2 class=\"heading-m\">\(phrases.string(.detailsCheck))</h2>"
        + "<dl class=\"summary-list\">\(lines.map(summaryRow))</dl>"
    case .statement(let statement):
      return "<h1 class=\"heading-l\">\(phrases.string(.signHeading))</h1>"
        + "<div class=\"inset\"><p>\(statement)</p></div>"
    case .receipt(let reference, let signedAt):
      let time = ParentDate.format(
        signedAt, in: content.english.catalog.school.timeZone, language: language)
      return """
        <div class="panel"><h1 class="panel__title">\(phrases.string(.receiptHeading))</h1>\
        <div class="panel__body">\(trimmed(phrases.string(.receiptReference, ["reference": ""])))\
        <br><strong class="reference">\(reference)</strong></div></div>
        """
          + paragraph(phrases.string(.receiptSaved))
          + paragraph(trimmed(phrases.string(.receiptSignedAt, ["time": time])))
          + paragraph(phrases.string(.receiptKeep))
    }
  }

  /// A label made from a word-list line that ends in a value and a colon ("Your name: {name}").
  private func trimmed(_ text: String) -> String {
    var text = text.trimmingCharacters(in: .whitespaces)
    while let last = text.last, last == ":" || last == " " { text.removeLast() }
    return text
  }

  /// A check line ("You: name (parent)") as a row of a summary list: its label, then its value.
  private func summaryRow(_ line: String) -> WebText {
    let text = line.trimmingCharacters(in: .whitespaces)
    guard let colon = text.firstIndex(of: ":") else {
      return "<div class=\"summary-list__row\"><dd>\(text)</dd></div>"
    }
    let key = String(text[..<colon])
    let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    return "<div class=\"summary-list__row\"><dt>\(key)</dt><dd>\(value)</dd></div>"
  }

  private func welcome() -> WebText {
    var html: WebText =
      "<h1 class=\"heading-xl\">\(phrases.string(.welcomeHeading, ["school": shown.catalog.school.name]))</h1>"
    if content.all.count > 1 {
      let buttons: [WebText] = content.languages.enumerated().map { index, language in
        let current: WebText = language.tag == self.language ? " aria-current=\"true\"" : ""
        return """
          <button type="submit" class="button button--secondary" name="answer" \
          value="\(index + 1)" lang="\(language.tag)"\(current)>\(language.name)</button>
          """
      }
      html =
        html
        + "<form method=\"post\" action=\"/induction\" class=\"languages\" aria-label=\"\(phrases.string(.languageMenuTitle))\">"
        + "\(hiddenFields())\(buttons)</form>"
    }
    let steps = [
      phrases.string(.welcomeStepRead),
      phrases.string(.welcomeStepAnswer, count: shown.catalog.scenarios.count),
      phrases.string(.welcomeStepSign),
    ]
    return html + paragraph(phrases.string(.welcomeIntro)) + bullets(steps)
  }

  // MARK: - Notices and errors

  /// The notices that say an answer cannot be used.
  private var errorMessages: [String] {
    session.view.notices.compactMap { notice in
      guard case .line(let key, let values) = notice, key != .restartCarryOn else { return nil }
      return phrases.string(key, values)
    }
  }

  private func errorSummary(_ messages: [String]) -> WebText {
    let items: [WebText] = messages.map { "<li><a href=\"#answer\">\($0)</a></li>" }
    return """
      <div class="error-summary" role="alert" tabindex="-1" autofocus \
      aria-labelledby="error-summary-title"><h2 class="error-summary__title" \
      id="error-summary-title">\(phrases.string(.webErrorTitle))</h2>\
      <ul class="error-summary__list">\(items)</ul></div>
      """
  }

  private func draw(_ notice: InductionNotice) -> WebText {
    switch notice {
    case .help(let key, let offersLanguages):
      var text = phrases.string(key)
      if offersLanguages { text += " " + phrases.string(.helpLanguage) }
      return "<div class=\"inset\"><p>\(text)</p></div>"
    case .languageHelp:
      return "<div class=\"inset\"><p>\(phrases.string(.languageHelp))</p></div>"
    case .languageRestart(let name):
      return
        "<div class=\"warning\"><p>\(phrases.string(.languageRestartWarning, ["language": name]))</p></div>"
    case .line, .guidance, .languageMenu, .gap, .cancelled, .closed:
      return ""
    }
  }

  private func endedPage(_ ending: PageView.Ending) -> WebText {
    let text = phrases.string(ending == .timedOut ? .webExpired : .webEnded)
    return "<h1 class=\"heading-l\">\(text)</h1>"
      + "<form method=\"post\" action=\"/start\">\(hiddenFields())"
      + "<button type=\"submit\" class=\"button\">\(phrases.string(.webStartOver))</button></form>"
  }

  // MARK: - Forms

  private func hiddenFields() -> WebText {
    """
    <input type="hidden" name="csrf" value="\(session.csrfToken)">\
    <input type="hidden" name="page" value="\(session.page)">
    """
  }

  /// The legend or label a prompt gives: its words without the terminal's hints ("(1-4)", ":").
  private func label(_ prompt: InductionPrompt) -> String {
    var text = trimmed(phrases.string(prompt.text, prompt.values))
    if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
      text = String(text[..<open])
    }
    return trimmed(text)
  }

  private func form(for prompt: InductionPrompt, errors: [String]) -> WebText {
    let field: WebText
    var button = phrases.string(.webContinue)
    switch prompt.field {
    case .next:
      field = ""
    case .begin:
      field = ""
      button = phrases.string(.webStart)
    case .choice:
      let question = session.view.screens.lazy.compactMap { screen -> QuestionShown? in
        if case .question(let question) = screen { question } else { nil }
      }.first
      field = radios(
        legend: question?.scenario.question ?? label(prompt),
        options: (question?.choices ?? []).enumerated().map {
          (String($0.offset + 1), $0.element.text)
        },
        errors: errors, large: true)
    case .yesNo, .confirm:
      field = radios(
        legend: label(prompt),
        options: [phrases.word(.answerYes), phrases.word(.answerNo)].map { ($0, capitalised($0)) },
        errors: errors, large: false)
    case .personal:
      field = textInput(label: label(prompt), errors: errors)
    case .option:
      let (legend, labels) = optionList
      field = radios(
        legend: legend ?? label(prompt),
        options: labels.enumerated().map { (String($0.offset + 1), $0.element) }, errors: errors,
        large: false)
    case .schoolClass(let labels):
      field =
        labels.isEmpty
        ? textInput(label: label(prompt), errors: errors)
        : radios(
          legend: label(prompt),
          options: labels.enumerated().map { (String($0.offset + 1), $0.element) }, errors: errors,
          large: false)
    case .language:
      field = radios(
        legend: phrases.string(.languageMenuTitle),
        options: content.languages.enumerated().map { (String($0.offset + 1), $0.element.name) },
        errors: errors, large: false)
    }
    return """
      <form method="post" action="/induction" novalidate>\(hiddenFields())\(field)\
      <button type="submit" class="button" name="action" value="answer">\(button)</button></form>
      """
  }

  /// The list the last screen gave for an option prompt, with its question.
  private var optionList: (legend: String?, labels: [String]) {
    for screen in session.view.screens.reversed() {
      switch screen {
      case .relationships(let labels): return (phrases.string(.relationshipQuestion), labels)
      case .changeChoices(let labels): return (phrases.string(.detailsChangeQuestion), labels)
      default: continue
      }
    }
    return (nil, [])
  }

  private func capitalised(_ word: String) -> String {
    word.prefix(1).uppercased() + word.dropFirst()
  }

  private func errorMessage(_ errors: [String]) -> WebText {
    guard let first = errors.first else { return "" }
    return "<p id=\"answer-error\" class=\"error-message\">\(first)</p>"
  }

  private func radios(
    legend: String, options: [(value: String, label: String)], errors: [String], large: Bool
  ) -> WebText {
    let items: [WebText] = options.enumerated().map { index, option in
      let id = index == 0 ? "answer" : "answer-\(index + 1)"
      return """
        <div class="radios__item"><input class="radios__input" id="\(id)" name="answer" \
        type="radio" value="\(option.value)"><label class="radios__label" for="\(id)">\
        \(option.label)</label></div>
        """
    }
    let describedBy: WebText = errors.isEmpty ? "" : " aria-describedby=\"answer-error\""
    return """
      <div class="form-group\(errors.isEmpty ? "" : " form-group--error")"><fieldset \
      class="fieldset"\(describedBy)><legend class="fieldset__legend\(large ? " heading-m" : "")">\
      \(legend)</legend>\(errorMessage(errors))<div class="radios">\(items)</div></fieldset></div>
      """
  }

  private func textInput(label: String, errors: [String]) -> WebText {
    let describedBy: WebText = errors.isEmpty ? "" : " aria-describedby=\"answer-error\""
    return """
      <div class="form-group\(errors.isEmpty ? "" : " form-group--error")"><label class="label" \
      for="answer">\(label)</label>\(errorMessage(errors))<input class="input" id="answer" \
      name="answer" type="text" autocomplete="off" spellcheck="false"\(describedBy)></div>
      """
  }

  /// Help, the guidance, the language and starting again, as buttons of their own form.
  private func commands(for prompt: InductionPrompt) -> WebText {
    var buttons: [(InductionCommand, PhraseKey)] = [(.help, .webHelp), (.guidance, .webGuidance)]
    if case .guidancePage(let index, _)? = session.view.screens.first, index > 0,
      session.state.begun
    {
      buttons.insert((.back, .webBack), at: 0)
    }
    if prompt.offersLanguages { buttons.append((.language, .webLanguage)) }
    buttons.append((.startOver, .webStartOver))
    let drawn: [WebText] = buttons.map { command, key in
      """
      <button type="submit" class="button button--secondary" name="command" \
      value="\(command.rawValue)">\(phrases.string(key))</button>
      """
    }
    return
      "<form method=\"post\" action=\"/induction\" class=\"commands\">\(hiddenFields())\(drawn)</form>"
  }
}
