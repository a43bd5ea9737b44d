import InductionCore

/// Draws the induction's screens and notices on the terminal, and turns its prompts into readline
/// prompts (words, completion, history). It holds no rule of the induction: what to show and what
/// to ask come from ``Induction``.
struct InductionRenderer {
  let console: Console
  let content: SchoolContent
  let welcome: WelcomeScreen
  let menu: LanguageMenu?

  init(console: Console, content: SchoolContent) {
    self.console = console
    self.content = content
    welcome = WelcomeScreen(content: content)
    menu = LanguageMenu(content: content)
  }

  private func shown(_ language: String) -> LocalisedContent {
    content.content(for: language) ?? content.english
  }

  /// Draws `screen` in `language`.
  func draw(_ screen: InductionScreen, in language: String) {
    let shown = shown(language)
    let phrases = Phrases.for(shown)
    switch screen {
    case .welcome:
      welcome.draw(in: language, on: console)
    case .storeProblem(let saving, let detail):
      console.line()
      console.paragraph(phrases.text(saving ? .storeCannotSave : .storeCannotStart))
      // The store's sentence is for the staff who come to help, and it is English: a parent
      // reading another language sees only their own.
      if language == LanguageTag.english { console.paragraph("(\(detail))") }
    case .changesIntro:
      console.clearScreen()
      console.heading(phrases.text(.changesHeading))
      console.line()
      console.paragraph(phrases.text(.changesIntro))
    case .changes(let changes):
      console.line()
      drawChanges(changes, phrases: phrases)
      console.line()
    case .guidancePage(let index, let count):
      let guidance = shown.catalog.guidance
      console.clearScreen()
      console.heading(
        phrases.text(
          .guidanceHeading,
          ["title": guidance.title, "number": String(index + 1), "total": String(count)]))
      console.line()
      GuidanceScreen(console: console, guidance: guidance).show(guidance.pages[index])
    case .retriesIntro(let count):
      console.clearScreen()
      console.heading(phrases.text(.quizAgainHeading))
      console.paragraph(phrases.text(.quizAgain, count: count))
      console.line()
    case .question(let question):
      drawQuestion(question, phrases: phrases)
    case .feedback(let correct, let feedback):
      console.line()
      console.line(
        correct
          ? console.toned(console.drawable(phrases.text(.quizRight)), .good)
          : console.toned(console.drawable(phrases.text(.quizWrong)), .bad))
      console.paragraph("\(feedback)")
      if !correct { console.paragraph(phrases.text(.quizComeBack)) }
      console.line()
    case .summary(let correct, let total):
      console.clearScreen()
      console.heading(phrases.text(.summaryHeading))
      console.line()
      console.paragraph(
        phrases.text(.summaryScore, ["correct": String(correct), "total": String(total)]))
      console.line()
    case .details(let kept):
      console.clearScreen()
      console.heading(phrases.text(.detailsHeading))
      console.line()
      if kept {
        console.paragraph(phrases.text(.detailsKept))
        console.line()
      }
    case .relationships(let labels):
      console.line(phrases.text(.relationshipQuestion))
      for (index, label) in labels.enumerated() { console.line("  \(index + 1). \(label)") }
    case .classes(let labels):
      console.line(phrases.text(.classList))
      for (index, label) in labels.enumerated() { console.line("  \(index + 1). \(label)") }
    case .check(let details):
      console.line()
      console.line(phrases.text(.detailsCheck))
      console.line(
        phrases.text(
          .detailsCheckYou, ["name": details.name, "relationship": details.relationship]))
      for child in details.children {
        console.line(
          phrases.text(.detailsCheckChild, ["name": child.name, "class": child.classLabel]))
      }
      console.line()
    case .changeChoices(let labels):
      console.line(phrases.text(.detailsChangeQuestion))
      for (index, label) in labels.enumerated() {
        console.paragraph("\(index + 1). \(label)", indent: 2, hanging: 3)
      }
      console.line()
    case .statement(let statement):
      console.clearScreen()
      console.heading(phrases.text(.signHeading))
      console.line()
      console.paragraph("\(statement)")
      console.line()
    case .receipt(let reference, let signedAt):
      console.clearScreen()
      console.heading(phrases.text(.receiptHeading))
      console.line()
      console.paragraph(phrases.text(.receiptSaved))
      console.line()
      console.line(phrases.text(.receiptReference, ["reference": reference]))
      console.line(
        phrases.text(
          .receiptSignedAt,
          [
            "time": ParentDate.format(
              signedAt, in: content.english.catalog.school.timeZone, language: language)
          ]))
      console.line()
      console.paragraph(phrases.text(.receiptKeep))
      console.line()
    }
  }

  private func drawChanges(_ changes: GuidanceChangesShown, phrases: Phrases) {
    switch changes {
    case .otherLanguage:
      console.paragraph(phrases.text(.changesOtherLanguage))
    case .changed(let added, let removed, let edited):
      if added.isEmpty && removed.isEmpty && edited.isEmpty {
        console.paragraph(phrases.text(.changesNothing))
        return
      }
      if !added.isEmpty {
        console.paragraph(phrases.text(.changesAdded))
        for item in added { console.paragraph("+ \(item)", indent: 2, hanging: 2) }
      }
      if !edited.isEmpty {
        console.paragraph(phrases.text(.changesEdited))
        for item in edited {
          console.paragraph("* \(trusted: marked(item.now))", indent: 2, hanging: 2)
          console.paragraph(
            "\(phrases.text(.changesBefore)) \(trusted: marked(item.before))", indent: 4)
        }
      }
      if !removed.isEmpty {
        console.paragraph(phrases.text(.changesRemoved))
        for item in removed { console.paragraph("- \(item)", indent: 2, hanging: 2) }
      }
    }
  }

  /// A reworded text with its changed words in [brackets] (and bold on a colour terminal), every
  /// word sanitised.
  private func marked(_ pieces: [EditedText.Piece]) -> String {
    pieces.map { piece in
      let text = TerminalText("\(piece.text)").rendered
      guard !piece.isSame else { return text }
      return console.useColour ? "\u{1B}[1m[\(text)]\u{1B}[0m" : "[\(text)]"
    }.joined(separator: " ")
  }

  private func drawQuestion(_ question: QuestionShown, phrases: Phrases) {
    console.clearScreen()
    let values = [
      "number": String(question.number), "total": String(question.total),
      "title": question.scenario.title,
    ]
    console.heading(phrases.text(question.isRetry ? .quizHeadingAgain : .quizHeading, values))
    console.line()
    console.paragraph("\(question.scenario.situation)")
    console.line()
    console.paragraph("\(question.scenario.question)")
    for (index, choice) in question.choices.enumerated() {
      console.paragraph("\(index + 1). \(choice.text)", indent: 2, hanging: 3)
    }
    console.line()
  }

  /// Writes `notice` in `language`.
  func draw(_ notice: InductionNotice, in language: String) {
    let shown = shown(language)
    let phrases = Phrases.for(shown)
    switch notice {
    case .line(let key, let values):
      // Wrapped like every other text: a sentence about a name runs past 80 columns.
      console.paragraph(phrases.text(key, values))
    case .help(let key, let offersLanguages):
      console.line()
      console.paragraph(phrases.text(key))
      console.paragraph(phrases.text(.helpCommands))
      if offersLanguages { console.paragraph(phrases.text(.helpLanguage)) }
      console.line()
    case .guidance:
      GuidanceScreen(console: console, guidance: shown.catalog.guidance).showAll()
    case .languageMenu:
      console.line()
      menu?.show(on: console)
    case .languageHelp:
      console.paragraph(phrases.text(.languageHelp))
    case .gap:
      console.line()
    case .languageRestart(let language):
      console.line()
      console.paragraph(phrases.text(.languageRestartWarning, ["language": language]))
    case .cancelled:
      console.line()
      console.line(phrases.text(.sessionCancelled))
    case .closed:
      console.line()
      console.line(phrases.text(.sessionClosed))
    }
  }

  /// What readline may complete (and keep out of history) at `prompt`.
  func kind(of prompt: InductionPrompt, phrases: Phrases) -> PromptKind {
    let words: [String]
    switch prompt.field {
    case .next: words = []
    case .begin: words = menu?.completions ?? []
    case .choice(let count), .option(let count): words = (1...max(count, 1)).map(String.init)
    case .yesNo: words = phrases.yesNoWords
    case .personal: return .personal
    case .schoolClass(let labels): words = labels
    // The questions asked over a stage take no commands.
    case .language: return .answer(completions: menu?.completions ?? [])
    case .confirm: return .answer(completions: phrases.yesNoWords)
    }
    var commands = [phrases.word(.commandHelp), phrases.word(.commandGuidance)]
    if prompt.offersLanguages { commands.append(phrases.word(.commandLanguage)) }
    return .answer(completions: words + commands)
  }
}
