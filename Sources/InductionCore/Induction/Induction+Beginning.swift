import Foundation

/// The welcome, the session record, what changed for a returning parent, and the guidance.
extension Induction {
  mutating func showWelcome() {
    if !state.welcomeOnScreen { show(.welcome) }
    state.welcomeOnScreen = false
    ask(.welcome, prompt(.welcomePrompt, help: .welcomeHelp, field: .begin))
  }

  mutating func answerWelcome(_ typed: String) throws {
    if let staffWord = services.staffWord, typed == staffWord { return try exit(.staffRequested) }
    // A returning parent may type their reference straight away: it is used for "what changed".
    if Reference.normalise(typed) != nil, services.content.language(for: typed) == nil {
      state.typedReference = typed
      return try begin()
    }
    guard offersLanguages, !typed.isEmpty else { return try begin() }
    guard let chosen = services.content.language(for: typed) else {
      // Anything else begins, as it always has; only a number outside the list is refused.
      if Int(typed) == nil { return try begin() }
      notice(.line(.languageInvalid, ["count": String(services.content.languages.count)]))
      return askAgain()
    }
    if chosen.tag == state.language { return try begin() }
    state.language = chosen.tag
    showWelcome()
  }

  private mutating func begin() throws {
    state.begun = true
    state.begunAt = services.clock.now()
    try beginSession()
  }

  /// Starts the session record; when the database cannot be written, says so plainly and waits, so
  /// a kiosk never dies in front of a parent.
  mutating func beginSession() throws {
    let english = services.content.english
    let shown = shown
    do {
      state.session = try services.store.startSession(
        context: services.context, guidance: english.catalog.guidance,
        guidanceText: english.guidanceText, shown: shown.shown,
        shownGuidanceText: shown.guidanceText, at: services.clock.now())
    } catch let error as StoreError {
      show(.storeProblem(saving: false, detail: error.localizedDescription))
      ask(
        .startRetry,
        InductionPrompt(.storeRetryPrompt, help: .storeRetryHelp, offersLanguages: false))
      return
    }
    try enterChanges()
  }

  /// Once the guidance (in the language shown) has changed, a parent who signed an older version
  /// can type their reference to see what is new before reading it all again.
  private mutating func enterChanges() throws {
    guard try services.store.guidanceVersions(language: state.language).count > 1 else {
      return enterGuidance(page: 0)
    }
    show(.changesIntro)
    ask(.changesReference, prompt(.changesPrompt, help: .changesHelp, field: .personal))
    if let typed = state.typedReference {
      state.typedReference = nil
      output.removeLast()
      try answerReference(typed)
    }
  }

  mutating func answerReference(_ typed: String) throws {
    if typed.isEmpty { return enterGuidance(page: 0) }
    let language = state.language
    let versions = try services.store.guidanceVersions(language: language)
    guard let entry = try services.store.entry(reference: typed), entry.kind == .acknowledgement
    else {
      notice(.line(.changesNotFound, [:]))
      return askAgain()
    }
    let signedSHA =
      language == LanguageTag.english
      ? entry.guidanceSHA256 : entry.shownGuidanceSHA256 ?? entry.guidanceSHA256
    let current = shown.catalog.guidance
    if entry.languageShown != language {
      show(.changes(.otherLanguage))
    } else if let old = versions.first(where: { $0.sha256 == signedSHA }) {
      let before =
        language == LanguageTag.english
        ? Guidance(text: old.text)
        : Guidance(text: old.text, examplesFromList: current.prohibitedListIndex ?? 0)
      let changes = GuidanceChanges(from: before, to: current)
      show(
        .changes(
          .changed(added: changes.added, removed: changes.removed, edited: changes.edited)))
    } else {
      notice(.line(.changesNotFound, [:]))
      return askAgain()
    }
    ask(.changesRead, prompt(.changesReadPrompt, help: .changesReadHelp))
  }

  mutating func enterGuidance(page: Int) {
    let count = shown.catalog.guidance.pages.count
    guard page < count else { return enterQuiz() }
    show(.guidancePage(index: page, count: count))
    ask(
      .guidance(page: page),
      prompt(page + 1 == count ? .guidanceStartQuestions : .guidanceReadOn, help: .guidanceHelp))
  }

  mutating func nextGuidancePage(after page: Int) { enterGuidance(page: page + 1) }
}
