import Foundation
import InductionCore
import InductionTerminal
import TestSupport
import Testing

/// The program's own words: one list per language, each with exactly the English keys and the same
/// placeholders, and no parent-facing text outside them.
@Suite("Word lists")
struct WordListTests {
  @Test func theCompiledListsAreTheirYAMLFilesParsedAtRunTime() throws {
    // Given each word list compiled into the program at build time, and its YAML file parsed now
    for (tag, parsed, problems) in ProgramStrings.parsedFromYAML() {
      // Then the two hold exactly the same texts under the same keys
      #expect(problems.isEmpty, "\(tag)")
      let compiled = try #require(ProgramStrings.list(for: tag), "\(tag)")
      #expect(compiled.texts == parsed?.texts, "\(tag)")
      #expect(compiled.texts.count > 100, "\(tag)")
    }
  }

  @Test func everyShippedListHasExactlyTheEnglishKeysAndPlaceholders() throws {
    // Given the lists built into the program
    let shipped = ProgramStrings.shipped
    // Then English, Polish and Welsh are there, parse cleanly and match English key for key
    #expect(shipped.keys.sorted() == ["cy", "en", "pl"])
    #expect(ProgramStrings.problems().map(\.description) == [])
    let english = ProgramStrings.english
    for (tag, list) in shipped {
      let keys = Set(list.texts.keys)
      let extra = keys.subtracting(english.texts.keys)
      // Only extra plural forms (.few, .many …) of a key English has in .one/.other may be added.
      #expect(
        extra.allSatisfy { key in
          StringCatalogue.extraPluralForms.contains { key.hasSuffix("." + $0) }
        }, "\(tag): \(extra.sorted())")
      #expect(keys.isSuperset(of: english.texts.keys), "\(tag)")
      for (key, text) in english.texts {
        #expect(
          StringCatalogue.placeholders(in: list.texts[key] ?? "")
            == StringCatalogue.placeholders(in: text), "\(tag): \(key)")
      }
    }
  }

  @Test func everyKeyTheProgramUsesIsInTheEnglishListAndEveryEnglishKeyIsUsed() {
    // Given the keys the flows ask for, and the English list
    let english = Set(ProgramStrings.english.texts.keys)
    var used: Set<String> = []
    for key in PhraseKey.allCases {
      if key.isPlural {
        used.insert(key.rawValue + ".one")
        used.insert(key.rawValue + ".other")
      } else {
        used.insert(key.rawValue)
      }
    }
    // Then they are the same set: nothing shown is missing, nothing listed is dead
    #expect(used.subtracting(english).sorted() == [])
    #expect(english.subtracting(used).sorted() == [])
  }

  @Test func aListMissingAKeyOrAPlaceholderIsReportedAtItsLine() {
    // Given an English list and a translation that drops a key, loses a placeholder and adds one
    let english = StringCatalogue.parse(
      "a.one: \"Hello {name}\"\nb.two: \"{count} left\"\nc.three: \"Bye\"\n", language: "en",
      file: "en.yaml"
    ).catalogue!
    let other = StringCatalogue.parse(
      "a.one: \"Witaj\"\nc.three: \"Pa {name}\"\nd.four: \"Extra\"\n", language: "pl",
      file: "pl/strings.yaml"
    ).catalogue!
    // Then each difference is one problem, at the line where it is (line 1 for a missing key)
    #expect(
      other.problems(against: english).map(\.description) == [
        "pl/strings.yaml:1: \"a.one\" should have the placeholders {name}, as in English",
        "pl/strings.yaml:1: the key \"b.two\" is missing (in English: \"{count} left\")",
        "pl/strings.yaml:2: \"c.three\" should have the placeholders none, as in English",
        "pl/strings.yaml:3: the key \"d.four\" is not one the program uses; remove it",
      ])
  }

  @Test func pluralFormsFollowEachLanguagesRules() {
    #expect(
      [1, 2, 4, 5, 12, 22, 25].map { PluralRule.form($0, language: "pl") } == [
        "one", "few", "few", "many", "many", "few", "many",
      ])
    #expect(
      [0, 1, 2, 3, 6, 16].map { PluralRule.form($0, language: "cy") } == [
        "zero", "one", "two", "few", "many", "other",
      ])
    #expect([0, 1, 2].map { PluralRule.form($0, language: "en") } == ["other", "one", "other"])
    // And a form the list has not got falls back to .other
    let phrases = Phrases(language: "pl", list: ProgramStrings.shipped["pl"]!)
    #expect(
      phrases.text(.welcomeStepAnswer, count: 3).rendered
        == "odpowiedzą na 3 krótkie pytania o codzienne sytuacje,")
    #expect(
      phrases.text(.welcomeStepAnswer, count: 16).rendered
        == "odpowiedzą na 16 krótkich pytań o codzienne sytuacje,")
  }

  @Test func theWordsAParentTypesMayLeaveOutAccentsAndYesOrNoMayBeItsFirstLetter() {
    let polish = Phrases(language: "pl", list: ProgramStrings.shipped["pl"]!)
    #expect(polish.isWord("wskazowki", .commandGuidance, or: ["guidance"]))
    #expect(polish.isWord(" JEZYK ", .commandLanguage, or: ["language"]))
    #expect(polish.isWord("guidance", .commandGuidance, or: ["guidance"]))
    #expect(!polish.isWord("jezy", .commandLanguage, or: ["language"]))
    #expect(["t", "TAK", "y", "yes"].map(polish.yesNo) == [true, true, true, true])
    #expect(["n", "Nie", "no"].map(polish.yesNo) == [false, false, false])
    #expect(["x", "ta", ""].map(polish.yesNo) == [nil, nil, nil])
    let welsh = Phrases(language: "cy", list: ProgramStrings.shipped["cy"]!)
    #expect(welsh.isWord("yn ol", .commandBack, or: ["back"]))
    #expect(["i", "ie", "n", "na"].map(welsh.yesNo) == [true, true, false, false])
    #expect(Phrases.english.yesNo("t") == nil)
  }

  @Test func aValueFilledInIsSanitisedAndNeverFilledInAgain() {
    // Given a school name holding an escape sequence and a placeholder of its own
    let phrases = Phrases.english
    let text = phrases.text(.welcomeHeading, ["school": "\u{1B}[2J{school} School"])
    // Then it is shown escaped, and its "{school}" stays as typed
    #expect(text.rendered == "Welcome to \\u{1B}[2J{school} School")
  }

  @Test func theShippedPacksPassLintWithTheProgramsWordLists() throws {
    // Given the shipped scenarios folder and the lists built into the program
    let report = ContentLinter.lint(
      directory: Fixtures.repositoryRoot.appendingPathComponent("Scenarios"),
      displayPath: "Scenarios", programStrings: ProgramStrings.shipped)
    // Then nothing is wrong, and Polish and Welsh are offered beside English
    #expect(report.problems.map(\.description) == [])
    let content = try #require(report.content)
    #expect(content.languages.map(\.name) == ["English", "Polski", "Cymraeg"])
    #expect(content.defaultLanguage == "en")
    for translation in content.translations {
      #expect(
        translation.catalog.scenarios.map(\.id) == content.english.catalog.scenarios.map(\.id))
      #expect(translation.catalog.guidance.prohibitedExamples.count == 8)
    }
  }
}
