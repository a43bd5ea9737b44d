import InductionCore

/// Asks questions on behalf of a flow: handles `help`, `guidance` and `language` (in English and in
/// the parent's language) at every prompt, turns Ctrl-C into "Start over?", and Ctrl-D, signals and
/// idle timeouts into ``FlowExit``.
struct Prompter {
  let reader: LineReader
  let console: Console
  let guidance: Guidance
  let phrases: Phrases
  /// The languages a parent may switch to; nil when only one is offered.
  var languages: LanguageMenu? = nil
  /// The language being shown.
  var language = LanguageTag.english

  /// Reads one line, answering `help`, `guidance` and `language` itself. Returns the line with outer
  /// spaces trimmed.
  func ask(_ prompt: String, kind: PromptKind = .answer(completions: []), help: TerminalText) throws
    -> String
  {
    while true {
      switch reader.readLine(prompt: prompt, kind: withCommands(kind)) {
      case .line(let raw):
        let line = raw.trimmingCharacters(in: .whitespaces)
        let lowered = line.lowercased()
        if ["help", "?", phrases.word(.commandHelp)].contains(lowered) {
          console.line()
          console.paragraph(help)
          console.paragraph(phrases.text(.helpCommands))
          if languages != nil { console.paragraph(phrases.text(.helpLanguage)) }
          console.line()
        } else if ["guidance", phrases.word(.commandGuidance)].contains(lowered) {
          GuidanceScreen(console: console, guidance: guidance).showAll()
        } else if let languages, ["language", phrases.word(.commandLanguage)].contains(lowered) {
          try chooseLanguage(languages)
        } else if line.unicodeScalars.count > maximumLineLength {
          console.line(phrases.text(.inputTooLong, ["count": String(maximumLineLength)]))
        } else {
          return line
        }
      case .interrupt:
        try confirmStartOver()
      case .endOfInput: throw FlowExit.cancelled
      case .terminate: throw FlowExit.terminated
      case .idleTimeout: throw FlowExit.timedOut
      }
    }
  }

  /// Asks yes or no (in English or the parent's language); anything else asks again.
  func askYesNo(_ prompt: String, help: TerminalText) throws -> Bool {
    while true {
      let answer = try ask(prompt, kind: .answer(completions: yesNoWords), help: help)
      if let value = yesNo(answer) { return value }
      console.line(phrases.text(.answerYesNo))
    }
  }

  /// Shows the languages and asks for one; a different one ends the current questions with
  /// ``FlowExit/switchLanguage(_:)``, Enter or the same one carries on.
  private func chooseLanguage(_ menu: LanguageMenu) throws {
    console.line()
    menu.show(on: console)
    while true {
      switch reader.readLine(
        prompt: phrases.prompt(.languagePrompt), kind: .answer(completions: menu.completions))
      {
      case .line(let typed):
        let text = typed.trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
          console.line(phrases.text(.restartCarryOn))
          return
        }
        if ["help", "?", phrases.word(.commandHelp)].contains(text.lowercased()) {
          console.paragraph(phrases.text(.languageHelp))
          continue
        }
        guard let chosen = menu.language(for: text) else {
          console.line(phrases.text(.languageInvalid, ["count": String(menu.languages.count)]))
          continue
        }
        if chosen.tag == language {
          console.line(phrases.text(.restartCarryOn))
          return
        }
        throw FlowExit.switchLanguage(chosen.tag)
      case .interrupt:
        console.line(phrases.text(.restartCarryOn))
        return
      case .endOfInput: throw FlowExit.cancelled
      case .terminate: throw FlowExit.terminated
      case .idleTimeout: throw FlowExit.timedOut
      }
    }
  }

  private func confirmStartOver() throws {
    console.line()
    while true {
      switch reader.readLine(
        prompt: phrases.prompt(.restartPrompt), kind: .answer(completions: yesNoWords))
      {
      case .line(let answer):
        switch yesNo(answer) {
        case true?: throw FlowExit.startOver
        case false?:
          console.line(phrases.text(.restartCarryOn))
          return
        case nil: console.line(phrases.text(.answerYesNo))
        }
      case .interrupt:
        console.line(phrases.text(.restartCarryOn))
        return
      case .endOfInput: throw FlowExit.cancelled
      case .terminate: throw FlowExit.terminated
      case .idleTimeout: throw FlowExit.timedOut
      }
    }
  }

  /// The words for yes and no in the parent's language, as offered for completion.
  private var yesNoWords: [String] { [phrases.word(.answerYes), phrases.word(.answerNo)] }

  /// true for yes, false for no (English `y`/`yes`/`n`/`no` always count), nil otherwise.
  func yesNo(_ text: String) -> Bool? {
    let typed = text.trimmingCharacters(in: .whitespaces).lowercased()
    if ["y", "yes", phrases.word(.answerYes)].contains(typed) { return true }
    if ["n", "no", phrases.word(.answerNo)].contains(typed) { return false }
    return nil
  }

  private func withCommands(_ kind: PromptKind) -> PromptKind {
    switch kind {
    case .answer(let words):
      var commands = [phrases.word(.commandHelp), phrases.word(.commandGuidance)]
      if languages != nil { commands.append(phrases.word(.commandLanguage)) }
      return .answer(completions: words + commands)
    case .personal: return .personal
    }
  }
}
