/// "About you": the parent's name and relationship, each child's name and class, and the check.
/// Whatever was typed before a change of language is kept and not asked again.
extension Induction {
  mutating func enterDetails() {
    show(.details(kept: state.details.parentName != nil))
    continueDetails()
  }

  /// Asks the first thing not yet known, or shows everything to check.
  private mutating func continueDetails() {
    let details = state.details
    if details.parentName == nil {
      return ask(
        .parentName, prompt(.detailsNamePrompt, help: .detailsNameHelp, field: .personal))
    }
    if details.relationship == nil {
      let phrases = phrases
      show(.relationships(DetailsRules.relationships.map { phrases.string($0.label) }))
      let count = DetailsRules.relationships.count
      return ask(
        .relationship,
        prompt(
          .relationshipPrompt, ["count": String(count)], help: .relationshipHelp,
          field: .relationship(count: count)))
    }
    if !details.childrenComplete {
      if details.pendingChildName == nil {
        return ask(
          .childName,
          prompt(
            .detailsChildPrompt, ["number": String(details.children.count + 1)],
            help: .detailsChildHelp, field: .personal))
      }
      return askClass()
    }
    showCheck()
  }

  private var classes: [String] { shown.catalog.school.classes }

  private mutating func askClass() {
    let labels = classes.map(shown.label(forClass:))
    if !classes.isEmpty { show(.classes(labels)) }
    ask(
      .childClass,
      prompt(
        classes.isEmpty ? .classPrompt : .classPromptList,
        ["number": String(state.details.children.count + 1)], help: .classHelp,
        field: .schoolClass(labels: labels)))
  }

  /// A name typed, tidied, or nil (and the parent told why) when it cannot be used.
  private mutating func usableName(_ typed: String) -> String? {
    let name = NameNormalisation.tidy(typed)
    if let problem = DetailsRules.nameProblem(name) {
      notice(.line(problem.key, problem.values))
      askAgain()
      return nil
    }
    return name
  }

  mutating func answerParentName(_ typed: String) {
    guard let name = usableName(typed) else { return }
    state.details.parentName = name
    continueDetails()
  }

  mutating func answerRelationship(_ typed: String) {
    let lowered = typed.lowercased()
    let phrases = phrases
    let offered = DetailsRules.relationships
    let index =
      Int(lowered).map { $0 - 1 }
      ?? offered.firstIndex { $0.word == lowered || phrases.word($0.label) == lowered }
    guard let index, offered.indices.contains(index) else {
      notice(.line(.relationshipInvalid, ["count": String(offered.count)]))
      return askAgain()
    }
    guard offered[index].word == "other" else {
      state.details.relationship = offered[index].word
      return continueDetails()
    }
    ask(
      .relationshipOther,
      prompt(.relationshipOtherPrompt, help: .relationshipOtherHelp, field: .personal))
  }

  mutating func answerRelationshipOther(_ typed: String) {
    guard let described = usableName(typed) else { return }
    state.details.relationship = described
    continueDetails()
  }

  mutating func answerChildName(_ typed: String) {
    guard let name = usableName(typed) else { return }
    state.details.pendingChildName = name
    askClass()
  }

  mutating func answerClass(_ typed: String) {
    let answer = NameNormalisation.tidy(typed)
    let classes = classes
    let labels = classes.map(shown.label(forClass:))
    let className: String
    if let chosen = Int(answer), !classes.isEmpty {
      guard classes.indices.contains(chosen - 1) else {
        notice(.line(.classInvalid, ["count": String(classes.count)]))
        return askAgain()
      }
      className = classes[chosen - 1]
    } else {
      // The label in the parent's language or the English name: both record the English name.
      let key = NameNormalisation.matchKey(answer)
      if let index = classes.indices.first(where: {
        NameNormalisation.matchKey(labels[$0]) == key
          || NameNormalisation.matchKey(classes[$0]) == key
      }) {
        className = classes[index]
      } else if let problem = DetailsRules.nameProblem(answer) {
        notice(.line(problem.key, problem.values))
        return askAgain()
      } else {
        className = answer
      }
    }
    guard let name = state.details.pendingChildName else { return continueDetails() }
    state.details.children.append(PersonalDetails.Child(name: name, className: className))
    state.details.pendingChildName = nil
    if state.details.children.count == DetailsRules.maximumChildren {
      state.details.childrenComplete = true
      return continueDetails()
    }
    ask(.anotherChild, prompt(.detailsAnotherPrompt, help: .detailsAnotherHelp, field: .yesNo))
  }

  mutating func answerAnotherChild(_ typed: String) {
    guard let another = yesNo(typed) else { return }
    state.details.childrenComplete = !another
    continueDetails()
  }

  private mutating func showCheck() {
    let details = state.details
    let phrases = phrases
    let shown = shown
    show(
      .check(
        DetailsShown(
          name: details.parentName ?? "",
          relationship: DetailsRules.relationshipShown(
            details.relationship ?? "", phrases: phrases),
          children: details.children.map {
            DetailsShown.Child(name: $0.name, classLabel: shown.label(forClass: $0.className))
          })))
    ask(.check, prompt(.detailsCheckPrompt, help: .detailsCheckHelp, field: .yesNo))
  }

  mutating func answerCheck(_ typed: String) {
    guard let right = yesNo(typed) else { return }
    if right { return enterSignature() }
    state.details = DetailsSoFar()
    enterDetails()
  }

  /// Yes or no, or nil (and the parent asked again) for anything else.
  mutating func yesNo(_ typed: String) -> Bool? {
    if let value = phrases.yesNo(typed) { return value }
    notice(.line(.answerYesNo, [:]))
    askAgain()
    return nil
  }
}
