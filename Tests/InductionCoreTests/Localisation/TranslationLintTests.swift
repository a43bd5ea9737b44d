import Foundation
import InductionCore
import TestSupport
import Testing

/// Each translation pack is checked against the English set; every misalignment is one problem at
/// `file:line`, and a pack with any problem is not offered while the others still are.
@Suite("Translation lint")
struct TranslationLintTests {
  /// A valid two-rule folder with a valid Polish pack.
  static func folder() -> ScenarioFolder {
    let folder = ScenarioFolder.valid()
    folder.writePolishPack()
    return folder
  }

  static func lint(_ folder: ScenarioFolder, strings: [String: StringCatalogue] = [:])
    -> ContentLintReport
  {
    ContentLinter.lint(directory: folder.url, displayPath: "S", programStrings: strings)
  }

  static let pack = "S/translations/pl/"

  @Test func aValidPackIsOfferedBesideEnglish() throws {
    let folder = Self.folder()
    defer { folder.delete() }
    let report = Self.lint(folder)
    #expect(report.problems == [])
    let content = try #require(report.content)
    #expect(content.languages.map(\.tag) == ["en", "pl"])
    let polish = try #require(content.content(for: "pl"))
    #expect(polish.language == Language(tag: "pl", name: "Polski", englishName: "Polish"))
    #expect(polish.catalog.scenarios.map(\.id) == ["rule-one", "rule-two"])
    #expect(
      polish.catalog.guidance.prohibitedExamples.map(\.text) == [
        "Zasada pierwsza.", "Zasada druga.",
      ])
    #expect(polish.catalog.school.statement == "Przeczytałam lub przeczytałem wskazówki.")
    #expect(polish.catalog.school.name == "Test School")
  }

  @Test(
    arguments: [
      (
        "a scenario missing",
        ["translations/pl/02-rule-two.yaml": nil],
        [
          "\(pack)02-rule-two.yaml:1: missing: no translation of scenario \"rule-two\" (S/02-rule-two.yaml); copy that file here and translate it"
        ]
      ),
      (
        "an extra scenario",
        [
          "translations/pl/03-rule-three.yaml":
            ScenarioFolder.polishScenario(id: "rule-three", example: "Zasada druga.")
        ],
        [
          "\(pack)03-rule-three.yaml:1: id \"rule-three\" is not a scenario of the English set; use the id of the English file it translates, or remove it"
        ]
      ),
      (
        "a choice more than in English",
        [
          "translations/pl/01-rule-one.yaml":
            ScenarioFolder.polishScenario(id: "rule-one", example: "Zasada pierwsza.")
            + "  - text: Zadzwonić do dyrektora.\n    feedback: Najpierw nauczyciel.\n"
        ],
        [
          "\(pack)01-rule-one.yaml:6: has 4 choices where the English scenario has 3; translate each choice, in the same order"
        ]
      ),
      (
        "another choice marked correct",
        [
          "translations/pl/01-rule-one.yaml":
            ScenarioFolder.polishScenario(id: "rule-one", example: "Zasada pierwsza.")
            .replacingOccurrences(of: "    correct: true\n", with: "")
            .replacingOccurrences(
              of: "    feedback: To rozpowszechnia plotki.\n",
              with: "    feedback: To rozpowszechnia plotki.\n    correct: true\n")
        ],
        [
          "\(pack)01-rule-one.yaml:9: choice 2 is marked correct where the English scenario marks choice 1; keep the choices in the English order"
        ]
      ),
      (
        "feedback missing",
        [
          "translations/pl/01-rule-one.yaml":
            ScenarioFolder.polishScenario(id: "rule-one", example: "Zasada pierwsza.")
            .replacingOccurrences(of: "    feedback: To rozpowszechnia plotki.\n", with: "")
        ],
        ["\(pack)01-rule-one.yaml:10: choice 2 has no feedback"]
      ),
      (
        "the statement untranslated",
        [
          "translations/pl/school.yaml":
            "language: pl\nlanguage_name: Polski\nenglish_name: Polish\nstatement: I have read the guidance.\n"
        ],
        ["\(pack)school.yaml:4: the statement is the English text; translate it"]
      ),
      (
        "a bullet untranslated",
        [
          "translations/pl/guidance.md":
            Fixtures.polishGuidanceText.replacingOccurrences(
              of: "- Zasada druga.", with: "- Rule two.")
        ],
        ["\(pack)guidance.md:8: prohibited example 2 is the English text; translate it"]
      ),
      (
        "a bullet fewer",
        [
          "translations/pl/guidance.md":
            Fixtures.polishGuidanceText.replacingOccurrences(of: "- Zasada druga.\n", with: "")
        ],
        [
          "\(pack)guidance.md:7: the list of prohibited examples has 1 bullets where the English guidance has 2; translate each bullet, in the same order"
        ]
      ),
      (
        "no bullet list",
        [
          "translations/pl/guidance.md":
            "# Wskazówki\n\nNajpierw prosimy porozmawiać.\n"
        ],
        [
          "\(pack)guidance.md:1: no bullet list where the English guidance lists its prohibited examples (bullet list 1); translate that list as \"- \" lines, in the same place"
        ]
      ),
      (
        "an example quoting no bullet",
        [
          "translations/pl/01-rule-one.yaml":
            ScenarioFolder.polishScenario(id: "rule-one", example: "Zasada trzecia.")
        ],
        [
          "\(pack)01-rule-one.yaml:2: example does not quote any prohibited example in guidance.md exactly"
        ]
      ),
      (
        "an example quoting another bullet than the English one",
        [
          "translations/pl/01-rule-one.yaml":
            ScenarioFolder.polishScenario(id: "rule-one", example: "Zasada druga.")
        ],
        [
          "\(pack)01-rule-one.yaml:2: example quotes prohibited example 2 of guidance.md, but the English scenario quotes example 1"
        ]
      ),
      (
        "a choice untranslated",
        [
          "translations/pl/01-rule-one.yaml":
            ScenarioFolder.polishScenario(id: "rule-one", example: "Zasada pierwsza.")
            .replacingOccurrences(
              of: "text: Nic nie mówić.", with: "text: Say nothing at all.")
        ],
        ["\(pack)01-rule-one.yaml:12: choice 3 is the English text; translate it"]
      ),
      (
        "the language is not the folder's",
        [
          "translations/pl/school.yaml":
            "language: cy\nlanguage_name: Polski\nenglish_name: Polish\nstatement: Przeczytałam.\n"
        ],
        [
          "\(pack)school.yaml:1: language \"cy\" does not match the folder name \"pl\"; name the folder after the language tag"
        ]
      ),
      (
        "right-to-left text",
        [
          "translations/pl/school.yaml":
            "language: pl\nlanguage_name: Polski\nenglish_name: Polish\nstatement: קראתי את ההנחיות.\n"
        ],
        [
          "\(pack)school.yaml:4: holds right-to-left text (U+5E7), and terminals do not lay out right-to-left text reliably (words and letters can appear in the wrong order), so this pack cannot be offered; give parents a printed translation to read beside the English induction instead"
        ]
      ),
    ] as [(String, [String: String?], [String])])
  func aMisalignedPackIsNamedAtItsLineAndNotOffered(
    label: String, files: [String: String?], expected: [String]
  ) throws {
    // Given a valid folder and Polish pack, broken one way (a file replaced, or removed)
    let folder = Self.folder()
    defer { folder.delete() }
    for (name, text) in files {
      if let text { folder.write(name, text) } else { folder.remove(name) }
    }
    // When it is linted
    let report = Self.lint(folder)
    // Then exactly that problem is reported, the English set is untouched, and only English is offered
    #expect(report.problems.map(\.description) == expected, "\(label)")
    #expect(report.english.problems == [])
    #expect(report.refusedPacks.map(\.tag) == ["pl"])
    #expect(try #require(report.content).languages.map(\.tag) == ["en"])
  }

  @Test func aRightToLeftLanguageIsRefusedWithASentenceSayingWhy() throws {
    // Given a pack for Arabic (whatever its text)
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    folder.writePack(
      "ar",
      school: "language: ar\nlanguage_name: العربية\nenglish_name: Arabic\nstatement: S\n",
      guidance: Fixtures.polishGuidanceText, scenarios: [:])
    // When it is linted
    let report = Self.lint(folder)
    // Then it is refused, saying why and what to do instead, and nothing else is checked
    #expect(
      report.problems.map(\.description) == [
        "S/translations/ar/school.yaml:1: Arabic is written right to left, and terminals do not lay out right-to-left text reliably (words and letters can appear in the wrong order), so this pack cannot be offered; give parents a printed translation to read beside the English induction instead"
      ])
    #expect(try #require(report.content).languages.map(\.tag) == ["en"])
  }

  @Test func aPackWhoseLanguageHasNoWordListIsRefused() throws {
    // Given the program's word lists for English only
    let folder = Self.folder()
    defer { folder.delete() }
    let english = StringCatalogue(
      language: "en", file: "Strings/en.yaml", texts: ["welcome.prompt": "Press Enter: "])
    // When the Polish pack is linted
    let report = Self.lint(folder, strings: ["en": english])
    // Then it is refused: the program could not show its own words in Polish
    #expect(
      report.problems.map(\.description) == [
        "\(Self.pack)school.yaml:1: the program has no word list for \"pl\" (its prompts, help and receipt): add strings.yaml to this pack, translated from the English one (see the README)"
      ])
    #expect(try #require(report.content).languages.map(\.tag) == ["en"])
  }

  @Test func aPacksOwnWordListMissingAKeyIsNamed() throws {
    // Given a pack carrying its own strings.yaml that lacks one of the English keys
    let folder = Self.folder()
    defer { folder.delete() }
    folder.write("translations/pl/strings.yaml", "welcome.prompt: \"Proszę nacisnąć Enter: \"\n")
    let english = StringCatalogue(
      language: "en", file: "Strings/en.yaml",
      texts: ["welcome.prompt": "Press Enter: ", "receipt.heading": "Thank you"])
    // When it is linted
    let report = Self.lint(folder, strings: ["en": english])
    // Then the missing key is named, with its English text
    #expect(
      report.problems.map(\.description) == [
        "\(Self.pack)strings.yaml:1: the key \"receipt.heading\" is missing (in English: \"Thank you\")"
      ])
    // And once it is there, the pack's own words are used
    folder.write(
      "translations/pl/strings.yaml",
      "welcome.prompt: \"Proszę nacisnąć Enter: \"\nreceipt.heading: \"Dziękujemy\"\n")
    let fixed = Self.lint(folder, strings: ["en": english])
    #expect(fixed.problems == [])
    let polish = try #require(fixed.content?.content(for: "pl"))
    #expect(polish.strings?.texts["receipt.heading"] == "Dziękujemy")
  }

  @Test func aFailingPackIsLeftOutAndTheOthersAreStillOffered() throws {
    // Given a valid Welsh pack beside a Polish one with an untranslated bullet
    let folder = Self.folder()
    defer { folder.delete() }
    folder.writePack(
      "cy",
      school:
        "language: cy\nlanguage_name: Cymraeg\nenglish_name: Welsh\nstatement: Rwyf wedi darllen y canllawiau.\n",
      guidance: Fixtures.welshGuidanceText,
      scenarios: [
        "01-rule-one.yaml": Self.welsh(id: "rule-one", example: "Rheol un."),
        "02-rule-two.yaml": Self.welsh(id: "rule-two", example: "Rheol dau."),
      ])
    folder.write(
      "translations/pl/guidance.md",
      Fixtures.polishGuidanceText.replacingOccurrences(of: "- Zasada druga.", with: "- Rule two."))
    // When the folder is loaded
    let (content, report) = try ContentLinter.load(directory: folder.url, displayPath: "S")
    // Then Welsh is offered, Polish is not, and lint names the Polish pack
    #expect(content.languages.map(\.tag) == ["en", "cy"])
    #expect(report.refusedPacks.map(\.folder) == ["S/translations/pl"])
    #expect(report.problems.count == 1)
  }

  @Test func aDefaultLanguageWithNoPackIsReportedInSchoolYaml() {
    // Given school.yaml asking for German, which has no pack
    let folder = Self.folder()
    defer { folder.delete() }
    folder.write(
      "school.yaml",
      "name: Test School\ntime_zone: Europe/London\nstatement: I have read the guidance.\ndefault_language: de\n"
    )
    // When it is linted
    let report = Self.lint(folder)
    // Then the setting is named at its line; the English set itself is sound
    #expect(
      report.problems.map(\.description) == [
        "S/school.yaml:4: default_language \"de\" has no translation pack: add translations/de or use en"
      ])
    #expect(report.english.problems == [])
    // And sessions start in English
    #expect(report.content?.defaultLanguage == "en")
  }

  @Test func theEnglishSetLintsExactlyAsBeforeWhateverThePacksHold() {
    // Given a folder whose Polish pack is broken
    let folder = Self.folder()
    defer { folder.delete() }
    folder.remove("translations/pl/01-rule-one.yaml")
    // When the English set is linted on its own
    // Then it passes, as it did before packs existed
    #expect(ScenarioLinter.lint(directory: folder.url, displayPath: "S").problems == [])
  }

  static func welsh(id: String, example: String) -> String {
    """
    id: \(id)
    example: "\(example)"
    title: Teitl
    situation: Mae rhywbeth yn digwydd.
    question: Beth ydych chi'n ei wneud?
    choices:
      - text: Siarad â'r athro.
        correct: true
        feedback: Gall staff helpu.
      - text: Postio amdano.
        feedback: Mae hynny'n ei ledaenu.
      - text: Dweud dim byd.
        feedback: Siaradwch â'r staff.

    """
  }
}
