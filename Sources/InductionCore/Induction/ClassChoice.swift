import Foundation

/// Which of the school's classes a parent means by what they typed. A class is named by its number
/// in the list, or by its name or any language's label for it, compared as people write them: case,
/// accents, spaces and punctuation aside, and a shortened word standing for the whole one (`Y2`,
/// `year2`, `klasa 2` for Year 2), or the word that tells a class apart (`green` for Reception
/// (Green)). Nothing else is taken: a class not on the list is never recorded as typed.
public struct ClassChoice: Sendable, Equatable {
  /// The classes offered, as recorded (the English names), in the order listed.
  public var classes: [String]
  /// Every other name each class goes by (its labels in every language), by class.
  public var aliases: [String: [String]]

  /// Classes offered with their other names.
  public init(classes: [String], aliases: [String: [String]] = [:]) {
    self.classes = classes
    self.aliases = aliases
  }

  /// What a typed answer comes to.
  public enum Match: Sendable, Equatable {
    /// Exactly one class.
    case one(String)
    /// Several classes fit (their names, in list order).
    case several([String])
    /// None fits.
    case none
  }

  /// The class `typed` names.
  public func match(_ typed: String) -> Match {
    let text = typed.trimmingCharacters(in: .whitespaces)
    if let number = Int(text) {
      return classes.indices.contains(number - 1) ? .one(classes[number - 1]) : .none
    }
    let wanted = Self.fold(text)
    guard !wanted.letters.isEmpty || !wanted.digits.isEmpty else { return .none }
    let spellings = classes.map { [$0] + (aliases[$0] ?? []) }
    let names = spellings.map { $0.map(Self.fold) }
    let exact = classes.indices.filter { names[$0].contains(wanted) }
    if !exact.isEmpty { return Self.result(exact.map { classes[$0] }) }
    let loose = classes.indices.filter { index in
      names[index].contains { name in
        name.digits == wanted.digits && name.letters.hasPrefix(wanted.letters)
      }
    }
    if !loose.isEmpty { return Self.result(loose.map { classes[$0] }) }
    // The word that tells a class apart, or its start, when the numbers agree: `green`, `blue`.
    guard !wanted.letters.isEmpty else { return .none }
    let byWord = classes.indices.filter { index in
      zip(spellings[index], names[index]).contains { spelling, name in
        name.digits == wanted.digits
          && Self.words(spelling).contains { $0.hasPrefix(wanted.letters) }
      }
    }
    return Self.result(byWord.map { classes[$0] })
  }

  /// A name's words (its runs of letters), each folded as `fold` folds them.
  static func words(_ text: String) -> [String] {
    text.split { !$0.isLetter }.map { fold(String($0)).letters }.filter { !$0.isEmpty }
  }

  private static func result(_ found: [String]) -> Match {
    switch found.count {
    case 0: .none
    case 1: .one(found[0])
    default: .several(found)
    }
  }

  /// A name's letters and digits, each run together, lower-cased and without accents.
  struct Folded: Equatable {
    var letters: String
    var digits: String
  }

  static func fold(_ text: String) -> Folded {
    let plain = NameNormalisation.tidy(text).folding(
      options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    var folded = Folded(letters: "", digits: "")
    for character in plain {
      if character.isNumber, let digit = character.wholeNumberValue {
        folded.digits += String(digit)
      } else if character.isLetter {
        folded.letters.append(character)
      }
    }
    return folded
  }
}
