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
          field: .option(count: count)))
    }
    if details.changingChild != nil || !details.childrenComplete {
      if details.pendingChildName == nil {
        return ask(
          .childName,
          prompt(
            .detailsChildPrompt, ["number": String(childNumber)], help: .detailsChildHelp,
            field: .personal))
      }
      return askClass()
    }
    showCheck()
  }

  /// The number of the child being asked about.
  private var childNumber: Int {
    state.details.changingChild ?? state.details.children.count + 1
  }

  /// The classes offered: the school's, then any other on the roster.
  private var classes: [String] {
    var classes = shown.catalog.school.classes
    let known = Set(classes.map(NameNormalisation.matchKey))
    let roster = (try? services.store.rosterClassNames()) ?? []
    classes += roster.filter { !known.contains(NameNormalisation.matchKey($0)) }
    return classes
  }

  private var labels: [String] { classes.map(shown.label(forClass:)) }

  private mutating func askClass() {
    let labels = labels
    if !labels.isEmpty { show(.classes(labels)) }
    ask(
      .childClass,
      prompt(
        labels.isEmpty ? .classPrompt : .classPromptList, ["number": String(childNumber)],
        help: .classHelp, field: .schoolClass(labels: labels)))
  }

  /// A name typed, tidied, or nil (and the parent told why) when it cannot be used. `noWords` is
  /// said instead when nothing or nothing but digits and marks was typed.
  private mutating func usableName(_ typed: String, noWords: PhraseKey? = nil) -> String? {
    let name = NameNormalisation.tidy(typed)
    if let problem = DetailsRules.nameProblem(name) {
      let saysNoWords = problem.key == .nameNoLetter || problem.key == .nameEmpty
      notice(.line(saysNoWords ? noWords ?? problem.key : problem.key, problem.values))
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
    // Not a name, so not "a name needs a letter" when there is none.
    guard let described = usableName(typed, noWords: .relationshipOtherNoLetter) else { return }
    state.details.relationship = described
    continueDetails()
  }

  mutating func answerChildName(_ typed: String) {
    guard let name = usableName(typed) else { return }
    // One family has no two children whose names differ only by case, accents or punctuation.
    func key(_ name: String) -> String {
      NameNormalisation.matchKey(name).folding(options: .diacriticInsensitive, locale: nil)
    }
    let others = state.details.children.enumerated().filter { $0.offset + 1 != childNumber }
    if others.contains(where: { key($0.element.name) == key(name) }) {
      notice(.line(.detailsChildRepeated, ["name": name]))
      guard state.details.changingChild == nil else { return askAgain() }
      // Typed again by mistake (or "yes, another" was): the check shows the list to change.
      state.details.childrenComplete = true
      return continueDetails()
    }
    state.details.pendingChildName = name
    askClass()
  }

  mutating func answerClass(_ typed: String) {
    let answer = NameNormalisation.tidy(typed)
    let classes = classes
    let className: String
    if classes.isEmpty {
      // A school that lists no classes (and has no roster) takes the class as typed.
      if let problem = DetailsRules.nameProblem(answer) {
        notice(.line(problem.key, problem.values))
        return askAgain()
      }
      className = answer
    } else {
      var aliases: [String: [String]] = [:]
      for content in services.content.all {
        for name in classes { aliases[name, default: []].append(content.label(forClass: name)) }
      }
      switch ClassChoice(classes: classes, aliases: aliases).match(answer) {
      case .one(let chosen):
        className = chosen
      case .several:
        notice(.line(.classAmbiguous, ["typed": answer]))
        show(.classes(labels))
        return askAgain()
      case .none:
        if Int(answer) != nil {
          notice(.line(.classInvalid, ["count": String(classes.count)]))
        } else {
          notice(.line(.classNotListed, [:]))
          show(.classes(labels))
        }
        return askAgain()
      }
    }
    guard let name = state.details.pendingChildName else { return continueDetails() }
    let child = PersonalDetails.Child(name: name, className: className)
    state.details.pendingChildName = nil
    if let changing = state.details.changingChild {
      state.details.changingChild = nil
      if state.details.children.indices.contains(changing - 1) {
        state.details.children[changing - 1] = child
      }
      return continueDetails()
    }
    state.details.children.append(child)
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
    offerChanges()
  }

  /// Asks what to change, one field at a time: from the check, and from the signature.
  mutating func offerChanges() {
    let choices = changeChoices
    show(.changeChoices(choices.map(\.label)))
    ask(
      .changeWhich,
      prompt(
        .detailsChangePrompt, ["count": String(choices.count)], help: .detailsChangeHelp,
        field: .option(count: choices.count)))
  }

  /// What a parent can change from the check, one field at a time.
  private enum Change {
    case name, relationship
    case child(Int)
    case addChild, everything
  }

  private var changeChoices: [(change: Change, label: String)] {
    let details = state.details
    let phrases = phrases
    let shown = shown
    var choices: [(Change, String)] = [
      (.name, phrases.string(.detailsChangeName, ["name": details.parentName ?? ""])),
      (
        .relationship,
        phrases.string(
          .detailsChangeRelationship,
          [
            "relationship": DetailsRules.relationshipShown(
              details.relationship ?? "", phrases: phrases)
          ])
      ),
    ]
    for (index, child) in details.children.enumerated() {
      choices.append(
        (
          .child(index + 1),
          phrases.string(
            .detailsChangeChild,
            [
              "number": String(index + 1), "name": child.name,
              "class": shown.label(forClass: child.className),
            ])
        ))
    }
    if details.children.count < DetailsRules.maximumChildren {
      choices.append((.addChild, phrases.string(.detailsChangeAddChild)))
    }
    choices.append((.everything, phrases.string(.detailsChangeEverything)))
    return choices
  }

  mutating func answerChangeWhich(_ typed: String) {
    let choices = changeChoices
    guard let number = Int(typed), choices.indices.contains(number - 1) else {
      notice(.line(.detailsChangeInvalid, ["count": String(choices.count)]))
      return askAgain()
    }
    switch choices[number - 1].change {
    case .name: state.details.parentName = nil
    case .relationship: state.details.relationship = nil
    case .child(let number):
      state.details.changingChild = number
      state.details.pendingChildName = nil
    case .addChild: state.details.childrenComplete = false
    case .everything:
      state.details = DetailsSoFar()
      return enterDetails()
    }
    continueDetails()
  }

  /// Yes or no, or nil (and the parent asked again) for anything else.
  mutating func yesNo(_ typed: String) -> Bool? {
    if let value = phrases.yesNo(typed) { return value }
    notice(.line(.answerYesNo, [:]))
    askAgain()
    return nil
  }
}
