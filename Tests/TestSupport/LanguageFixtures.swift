import Foundation
import InductionCore

/// The fixture school in Polish and Welsh: the two-rule guidance, statement, class labels and both
/// scenarios translated, with the same ids, choices in the same order and the same correct choice.
extension Fixtures {
  /// The Polish guidance: its prohibited examples are its one bullet list, where the English one is.
  public static let polishGuidanceText = """
    # Wskazówki testowe

    Najpierw prosimy porozmawiać z nami.

    Należy unikać tych przykładów:

    - Zasada pierwsza.
    - Zasada druga.

    """

  /// The Welsh guidance.
  public static let welshGuidanceText = """
    # Canllawiau prawf

    Siaradwch â ni yn gyntaf.

    Mae'n rhaid osgoi'r enghreifftiau hyn:

    - Rheol un.
    - Rheol dau.

    """

  /// The fixture content in Polish.
  public static var polish: LocalisedContent {
    var school = Fixtures.school
    school.statement = "Przeczytałam lub przeczytałem wskazówki."
    let scenarios = [
      Scenario(
        id: "rule-one", example: "Zasada pierwsza.", title: "Pierwsze",
        situation: "Coś się dzieje.", question: "Co Państwo robią?",
        choices: [
          .init(
            text: "Porozmawiać z nauczycielem.", feedback: "Dobrze: pracownicy mogą pomóc.",
            isCorrect: true),
          .init(
            text: "Napisać o tym w internecie.", feedback: "Publikowanie to rozpowszechnia.",
            isCorrect: false),
          .init(
            text: "Napisać do nauczyciela w internecie.",
            feedback: "Prosimy skontaktować się z sekretariatem.", isCorrect: false),
        ], file: "translations/pl/01-rule-one.yaml"),
      Scenario(
        id: "rule-two", example: "Zasada druga.", title: "Drugie",
        situation: "Dzieje się coś innego.", question: "A teraz?",
        choices: [
          .init(
            text: "Zapytać w sekretariacie.", feedback: "Tak, to właściwa droga.", isCorrect: true),
          .init(
            text: "Założyć czat grupowy.", feedback: "Grupy mogą zwrócić się przeciwko komuś.",
            isCorrect: false),
          .init(text: "Użyć logo szkoły.", feedback: "Logo należy do szkoły.", isCorrect: false),
        ], file: "translations/pl/02-rule-two.yaml"),
    ]
    return LocalisedContent(
      language: Language(tag: "pl", name: "Polski", englishName: "Polish"),
      catalog: ScenarioCatalog(
        guidance: Guidance(text: polishGuidanceText, examplesFromList: 0), school: school,
        scenarios: scenarios),
      guidanceText: polishGuidanceText,
      classLabels: ["Reception (Blue)": "Zerówka (Niebieska)", "Year 1": "Klasa 1"])
  }

  /// The fixture content in Welsh.
  public static var welsh: LocalisedContent {
    var school = Fixtures.school
    school.statement = "Rwyf wedi darllen y canllawiau."
    let scenarios = [
      Scenario(
        id: "rule-one", example: "Rheol un.", title: "Cyntaf",
        situation: "Mae rhywbeth yn digwydd.",
        question: "Beth ydych chi'n ei wneud?",
        choices: [
          .init(text: "Siarad â'r athro.", feedback: "Cywir: gall staff helpu.", isCorrect: true),
          .init(text: "Postio amdano.", feedback: "Mae postio yn ei ledaenu.", isCorrect: false),
          .init(
            text: "Anfon neges at yr athro ar-lein.",
            feedback: "Defnyddiwch y swyddfa yn lle hynny.", isCorrect: false),
        ], file: "translations/cy/01-rule-one.yaml"),
      Scenario(
        id: "rule-two", example: "Rheol dau.", title: "Ail",
        situation: "Mae rhywbeth arall yn digwydd.", question: "A nawr?",
        choices: [
          .init(text: "Gofyn i'r swyddfa.", feedback: "Ie, dyna'r ffordd.", isCorrect: true),
          .init(
            text: "Dechrau sgwrs grŵp.", feedback: "Gall grwpiau droi yn erbyn pobl.",
            isCorrect: false),
          .init(
            text: "Defnyddio logo'r ysgol.", feedback: "Yr ysgol biau'r logo.", isCorrect: false),
        ], file: "translations/cy/02-rule-two.yaml"),
    ]
    return LocalisedContent(
      language: Language(tag: "cy", name: "Cymraeg", englishName: "Welsh"),
      catalog: ScenarioCatalog(
        guidance: Guidance(text: welshGuidanceText, examplesFromList: 0), school: school,
        scenarios: scenarios),
      guidanceText: welshGuidanceText,
      classLabels: ["Reception (Blue)": "Derbyn (Glas)", "Year 1": "Blwyddyn 1"])
  }

  /// The fixture school in English, Polish and Welsh, starting in `defaultLanguage`.
  public static func content(defaultLanguage: String = "en") -> SchoolContent {
    var english = catalog
    english.school.defaultLanguage = defaultLanguage
    return SchoolContent(
      english: LocalisedContent(language: .english, catalog: english, guidanceText: guidanceText),
      translations: [polish, welsh])
  }
}
