import InductionCore

/// Asks the parent's name, relationship and each child's name and class, then asks them to check.
struct DetailsScreen {
  let console: Console
  let prompter: Prompter
  let classes: [String]

  /// What the parent told us, before signing.
  struct Answers: Equatable {
    var parentName: String
    var relationship: String
    var children: [PersonalDetails.Child]
  }

  static let relationships = ["parent", "carer", "guardian", "other"]
  static let maximumChildren = 10
  static let maximumNameLength = 100

  func run() throws -> Answers {
    while true {
      console.clearScreen()
      console.heading("About you and your children")
      console.line()
      let name = try askName("Your full name: ", what: "your full name")
      let relationship = try askRelationship()
      var children: [PersonalDetails.Child] = []
      while true {
        let number = children.count + 1
        let child = try askName("Child \(number), full name: ", what: "the child's full name")
        let className = try askClass(number: number)
        children.append(PersonalDetails.Child(name: child, className: className))
        if children.count == Self.maximumChildren { break }
        let more = try prompter.askYesNo(
          "Do you have another child at the school to add? (yes/no): ",
          help: "Type yes to add another child, or no if that is everyone.")
        if !more { break }
      }

      let answers = Answers(parentName: name, relationship: relationship, children: children)
      console.line()
      console.line("Please check these details:")
      console.line("  You: \(answers.parentName) (\(answers.relationship))")
      for child in answers.children {
        console.line("  Child: \(child.name), \(child.className)")
      }
      console.line()
      if try prompter.askYesNo(
        "Is this right? (yes/no): ",
        help: "Type yes if the details are right, or no to type them again.")
      {
        return answers
      }
    }
  }

  private func askName(_ prompt: String, what: TerminalText) throws -> String {
    while true {
      let typed = NameNormalisation.tidy(
        try prompter.ask(prompt, kind: .personal, help: "Type \(what) and press Enter."))
      if let problem = Self.nameProblem(typed) {
        console.line(problem)
        continue
      }
      return typed
    }
  }

  /// Why a typed name cannot be used, or nil when it can.
  static func nameProblem(_ name: String) -> TerminalText? {
    if name.isEmpty { return "Please type a name." }
    if Sanitiser.containsUnsafe(name) || name.contains("\u{FFFD}")
      || NameNormalisation.invisibleCharacter(in: name) != nil
    {
      return
        "That name has characters that cannot be used (control characters or hidden marks). Please type it again."
    }
    if name.count > maximumNameLength {
      return "That is too long for a name. Please use at most \(maximumNameLength) characters."
    }
    if !name.contains(where: \.isLetter) {
      return "A name needs at least one letter. Please type it again."
    }
    return nil
  }

  private func askRelationship() throws -> String {
    console.line("How are you related to the child or children?")
    for (index, option) in Self.relationships.enumerated() {
      console.line("  \(index + 1). \(option.prefix(1).uppercased() + option.dropFirst())")
    }
    while true {
      let answer = try prompter.ask(
        "Type a number (1-\(Self.relationships.count)): ",
        kind: .answer(completions: (1...Self.relationships.count).map(String.init)),
        help:
          "Type 1 if you are a parent, 2 for a carer, 3 for a guardian, or 4 for something else.")
      let lowered = answer.lowercased()
      let index =
        Int(lowered).map { $0 - 1 } ?? Self.relationships.firstIndex(of: lowered)
      guard let index, Self.relationships.indices.contains(index) else {
        console.line("Please type a number from 1 to \(Self.relationships.count).")
        continue
      }
      if Self.relationships[index] != "other" { return Self.relationships[index] }
      while true {
        let described = NameNormalisation.tidy(
          try prompter.ask(
            "Please say how (for example grandparent): ", kind: .personal,
            help: "Type how you are related to the child, for example grandparent or aunt."))
        if let problem = Self.nameProblem(described) {
          console.line(problem)
          continue
        }
        return described
      }
    }
  }

  private func askClass(number: Int) throws -> String {
    if !classes.isEmpty {
      console.line("Classes:")
      for (index, name) in classes.enumerated() {
        console.line("  \(index + 1). \(name)")
      }
    }
    while true {
      let prompt =
        classes.isEmpty ? "Child \(number), class: " : "Child \(number), class (number or name): "
      let answer = NameNormalisation.tidy(
        try prompter.ask(
          prompt, kind: .answer(completions: classes),
          help: "Type the number of the child's class from the list, or type the class name."))
      if let chosen = Int(answer), !classes.isEmpty {
        guard classes.indices.contains(chosen - 1) else {
          console.line("Please type a number from 1 to \(classes.count), or the class name.")
          continue
        }
        return classes[chosen - 1]
      }
      if let known = classes.first(where: {
        NameNormalisation.matchKey($0) == NameNormalisation.matchKey(answer)
      }) {
        return known
      }
      if let problem = Self.nameProblem(answer) {
        console.line(problem)
        continue
      }
      return answer
    }
  }
}
