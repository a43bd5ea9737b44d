import InductionCore

/// Asks the parent's name, relationship and each child's name and class, then asks them to check.
/// Whatever was typed before a change of language is in `kept` and is not asked again.
struct DetailsScreen {
  let console: Console
  let prompter: Prompter
  let classes: [String]
  /// The label shown for each class name, in the parent's language.
  let classLabel: (String) -> String
  let kept: KeptDetails

  var phrases: Phrases { prompter.phrases }

  /// What the parent told us, before signing.
  struct Answers: Equatable {
    var parentName: String
    var relationship: String
    var children: [PersonalDetails.Child]
  }

  /// The relationships offered, as recorded, with the key of each one's label.
  static let relationships: [(word: String, label: PhraseKey)] = [
    ("parent", .relationshipParent), ("carer", .relationshipCarer),
    ("guardian", .relationshipGuardian), ("other", .relationshipSomeoneElse),
  ]
  static let maximumChildren = 10
  static let maximumNameLength = 100

  func run() throws -> Answers {
    while true {
      console.clearScreen()
      console.heading(phrases.text(.detailsHeading))
      console.line()
      if kept.parentName != nil {
        console.paragraph(phrases.text(.detailsKept))
        console.line()
      }
      if kept.parentName == nil {
        kept.parentName = try askName(
          phrases.prompt(.detailsNamePrompt), help: phrases.text(.detailsNameHelp))
      }
      if kept.relationship == nil { kept.relationship = try askRelationship() }
      while !kept.childrenComplete {
        let number = kept.children.count + 1
        if kept.pendingChildName == nil {
          kept.pendingChildName = try askName(
            phrases.prompt(.detailsChildPrompt, ["number": String(number)]),
            help: phrases.text(.detailsChildHelp))
        }
        let className = try askClass(number: number)
        kept.children.append(
          PersonalDetails.Child(name: kept.pendingChildName!, className: className))
        kept.pendingChildName = nil
        if kept.children.count == Self.maximumChildren { break }
        kept.childrenComplete = try !prompter.askYesNo(
          phrases.prompt(.detailsAnotherPrompt), help: phrases.text(.detailsAnotherHelp))
      }
      kept.childrenComplete = true

      let answers = Answers(
        parentName: kept.parentName!, relationship: kept.relationship!, children: kept.children)
      console.line()
      console.line(phrases.text(.detailsCheck))
      console.line(
        phrases.text(
          .detailsCheckYou,
          ["name": answers.parentName, "relationship": relationshipShown(answers.relationship)]))
      for child in answers.children {
        console.line(
          phrases.text(
            .detailsCheckChild, ["name": child.name, "class": classLabel(child.className)]))
      }
      console.line()
      if try prompter.askYesNo(
        phrases.prompt(.detailsCheckPrompt), help: phrases.text(.detailsCheckHelp))
      {
        return answers
      }
      kept.clear()
    }
  }

  /// A recorded relationship as the parent reads it: the offered ones in their language.
  private func relationshipShown(_ word: String) -> String {
    guard let offered = Self.relationships.first(where: { $0.word == word }) else { return word }
    return phrases.word(offered.label)
  }

  private func askName(_ prompt: String, help: TerminalText) throws -> String {
    while true {
      let typed = NameNormalisation.tidy(try prompter.ask(prompt, kind: .personal, help: help))
      if let problem = Self.nameProblem(typed) {
        console.line(phrases.text(problem.key, problem.values))
        continue
      }
      return typed
    }
  }

  /// Why a typed name cannot be used (the key of the sentence that says so), or nil when it can.
  static func nameProblem(_ name: String) -> (key: PhraseKey, values: [String: String])? {
    if name.isEmpty { return (.nameEmpty, [:]) }
    if Sanitiser.containsUnsafe(name) || name.contains("\u{FFFD}")
      || NameNormalisation.invisibleCharacter(in: name) != nil
    {
      return (.nameUnusable, [:])
    }
    if name.count > maximumNameLength {
      return (.nameTooLong, ["count": String(maximumNameLength)])
    }
    if !name.contains(where: \.isLetter) { return (.nameNoLetter, [:]) }
    return nil
  }

  private func askRelationship() throws -> String {
    console.line(phrases.text(.relationshipQuestion))
    for (index, option) in Self.relationships.enumerated() {
      console.line("  \(index + 1). \(phrases.text(option.label))")
    }
    let count = String(Self.relationships.count)
    while true {
      let answer = try prompter.ask(
        phrases.prompt(.relationshipPrompt, ["count": count]),
        kind: .answer(completions: (1...Self.relationships.count).map(String.init)),
        help: phrases.text(.relationshipHelp))
      let lowered = answer.lowercased()
      let index =
        Int(lowered).map { $0 - 1 }
        ?? Self.relationships.firstIndex {
          $0.word == lowered || phrases.word($0.label) == lowered
        }
      guard let index, Self.relationships.indices.contains(index) else {
        console.line(phrases.text(.relationshipInvalid, ["count": count]))
        continue
      }
      if Self.relationships[index].word != "other" { return Self.relationships[index].word }
      while true {
        let described = NameNormalisation.tidy(
          try prompter.ask(
            phrases.prompt(.relationshipOtherPrompt), kind: .personal,
            help: phrases.text(.relationshipOtherHelp)))
        if let problem = Self.nameProblem(described) {
          console.line(phrases.text(problem.key, problem.values))
          continue
        }
        return described
      }
    }
  }

  private func askClass(number: Int) throws -> String {
    let labels = classes.map(classLabel)
    if !classes.isEmpty {
      console.line(phrases.text(.classList))
      for (index, label) in labels.enumerated() {
        console.line("  \(index + 1). \(label)")
      }
    }
    while true {
      let prompt = phrases.prompt(
        classes.isEmpty ? .classPrompt : .classPromptList, ["number": String(number)])
      let answer = NameNormalisation.tidy(
        try prompter.ask(
          prompt, kind: .answer(completions: labels), help: phrases.text(.classHelp)))
      if let chosen = Int(answer), !classes.isEmpty {
        guard classes.indices.contains(chosen - 1) else {
          console.line(phrases.text(.classInvalid, ["count": String(classes.count)]))
          continue
        }
        return classes[chosen - 1]
      }
      // The label in the parent's language or the English name: both record the English name.
      let key = NameNormalisation.matchKey(answer)
      if let index = classes.indices.first(where: {
        NameNormalisation.matchKey(labels[$0]) == key
          || NameNormalisation.matchKey(classes[$0]) == key
      }) {
        return classes[index]
      }
      if let problem = Self.nameProblem(answer) {
        console.line(phrases.text(problem.key, problem.values))
        continue
      }
      return answer
    }
  }
}
