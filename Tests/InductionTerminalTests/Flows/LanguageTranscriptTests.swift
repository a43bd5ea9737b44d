import Foundation
import InductionCore
import InductionTerminal
import TestSupport
import Testing

/// Whole inductions in Polish and Welsh, and a change of language part of the way through, over the
/// fixture school and its two translations (seed 7: the first scenario's right answer is shown 1st,
/// the second's 2nd, then 1st when it comes back).
@Suite("Parent flow in another language")
struct LanguageTranscriptTests {
  @Test func aWholeInductionInPolishIsShownInPolishAndRecordedAsPolish() throws {
    // Given a parent who starts in Polish (`--language pl`), answers the second scenario wrongly
    // first, and gives a Polish child's name and the class by number
    let session = try TestSession(lines: [
      "", "", "", "1", "", "1", "", "1", "", "", "Zoë Ní Bhriain", "1", "Łukasz Wróbel", "1",
      "nie", "tak", "zoë  ní bhriain", "tak",
    ])

    // When the induction runs
    let outcome = try session.run(content: Fixtures.content(), language: "pl")

    // Then every word on screen is Polish (the school's name and the parent's own words aside)
    #expect(session.transcript.text == "\n" + Self.polishTranscript)
    guard case .signed(let entry) = outcome else {
      Issue.record("expected a signed outcome, got \(outcome)")
      return
    }
    // And the entry binds the language, the Polish text shown and the English originals
    let polish = Fixtures.polish
    #expect(entry.language == "pl")
    #expect(entry.shownGuidanceSHA256 == polish.catalog.guidance.sha256)
    #expect(entry.shownStatementSHA256 == Digest.sha256Hex(polish.catalog.school.statement))
    #expect(entry.guidanceSHA256 == Fixtures.catalog.guidance.sha256)
    #expect(entry.statementSHA256 == Fixtures.school.statementSHA256)
    #expect(entry.shownGuidanceSHA256 != entry.guidanceSHA256)
    #expect(try session.database.verifyLedger() == VerificationReport(entryCount: 2, damage: nil))
    // And the details are recorded as in English: the relationship word and the class name
    let stored = try #require(try session.database.personalDetails(seq: 2))
    #expect(stored.details.relationship == "parent")
    #expect(
      stored.details.children == [
        PersonalDetails.Child(name: "Łukasz Wróbel", className: "Reception (Blue)")
      ])
    // And the answers as the parent saw them, at the positions of the English file
    let attempts = try session.database.quizAttempts()
    #expect(
      attempts.map(\.choiceText) == [
        "Porozmawiać z nauczycielem.", "Założyć czat grupowy.", "Zapytać w sekretariacie.",
      ])
    #expect(attempts.map(\.choiceIndex) == [0, 1, 0])
  }

  @Test(arguments: [nil, "pl"] as [String?])
  func aWelcomeDrawnBeforeTheFlowIsNotDrawnAgainAndComesBackAfterStartingOver(language: String?)
    throws
  {
    // Given a parent who presses Ctrl-C at the welcome and starts over, then picks Welsh and
    // leaves with Ctrl-D
    let script: [LineInput] = [.interrupt, .line("yes"), .line("3"), .endOfInput]
    let flowDraws = try TestSession(script: script, terminal: true)
    let startDraws = try TestSession(script: script, terminal: true)

    // When one flow draws its own welcome, and the other's is drawn first as `induction start` does
    _ = try flowDraws.run(content: Fixtures.content(), language: language)
    _ = try startDraws.run(content: Fixtures.content(), language: language, welcomeFirst: true)

    // Then the parent sees exactly the same screens, the welcome once at first and again after
    // starting over
    #expect(startDraws.transcript.text == flowDraws.transcript.text)
    let heading = language == "pl" ? "Witamy w" : "Welcome to"
    #expect(startDraws.transcript.text.components(separatedBy: heading).count - 1 == 2)
    #expect(startDraws.transcript.text.contains("Croeso i"))
  }

  @Test func aWholeInductionInWelshStartsInTheSchoolsDefaultLanguage() throws {
    // Given a school whose default language is Welsh, and a parent with a circumflex in their name
    let session = try TestSession(lines: [
      "", "", "", "1", "", "1", "", "1", "", "", "Siân Ŵyn", "1", "Gwenllïan Ŵyn", "2",
      "na", "ie", "siân ŵyn", "ie",
    ])

    // When the induction runs without a language being asked for
    let outcome = try session.run(content: Fixtures.content(defaultLanguage: "cy"))

    // Then it is all in Welsh
    #expect(session.transcript.text == "\n" + Self.welshTranscript)
    guard case .signed(let entry) = outcome else {
      Issue.record("expected a signed outcome, got \(outcome)")
      return
    }
    // And recorded as Welsh
    #expect(entry.language == "cy")
    #expect(entry.shownGuidanceSHA256 == Fixtures.welsh.catalog.guidance.sha256)
    #expect(entry.shownStatementSHA256 == Digest.sha256Hex(Fixtures.welsh.catalog.school.statement))
    #expect(entry.guidanceSHA256 == Fixtures.catalog.guidance.sha256)
    let stored = try #require(try session.database.personalDetails(seq: 2))
    #expect(
      stored.details.children == [PersonalDetails.Child(name: "Gwenllïan Ŵyn", className: "Year 1")]
    )
  }

  @Test func switchingLanguageRestartsTheQuestionsAndKeepsTheDetailsTyped() throws {
    // Given a parent who reads and answers in English, gives their name, relationship and a child's
    // name, then types "language" at the class prompt, picks Polski and, warned that the questions
    // start again, says yes
    let session = try TestSession(lines: [
      "", "", "", "1", "", "2", "", "", "Zoë Ní Bhriain", "1", "Siobhán O'Neil-Smith", "language",
      "2", "yes", "", "", "1", "", "2", "", "", "1", "nie", "tak", "Zoë Ní Bhriain", "tak",
    ])

    // When the induction runs
    let outcome = try session.run(content: Fixtures.content())

    // Then the guidance and the questions start again in Polish, and only the child's class is
    // asked: the name, relationship and child's name typed in English are kept
    #expect(session.transcript.text == "\n" + Self.switchTranscript)
    guard case .signed(let entry) = outcome else {
      Issue.record("expected a signed outcome, got \(outcome)")
      return
    }
    // And the English session is closed as started over; the Polish one signed
    #expect(try session.database.sessionOutcomes() == [.restarted, .signed])
    #expect(entry.language == "pl")
    // And the English answers still count: both were first tries, the Polish ones are not
    #expect(entry.scenarioCount == 2 && entry.attemptCount == 4 && entry.firstTryCorrect == 2)
    let stored = try #require(try session.database.personalDetails(seq: 2))
    #expect(stored.details.parentName == "Zoë Ní Bhriain")
    #expect(
      stored.details.children == [
        PersonalDetails.Child(name: "Siobhán O'Neil-Smith", className: "Reception (Blue)")
      ])
    // And the signed answers are every answer given, in the language each was given in
    let signed = try session.database.signedAnswers(seq: 2)
    #expect(
      signed.map(\.choiceText) == [
        "Speak to the teacher.", "Ask the office.", "Porozmawiać z nauczycielem.",
        "Zapytać w sekretariacie.",
      ])
    #expect(signed.map(\.isFirstTry) == [true, true, false, false])
  }

  @Test func theKioskStartsEveryParentInTheDefaultLanguage() throws {
    // Given a kiosk at a school whose default language is Polish, and a parent who picks English at
    // the welcome screen, begins, and walks away
    let session = try TestSession(script: [
      .line("1"), .line(""), .idleTimeout, .endOfInput,
    ])
    session.reader.isInteractive = false

    // When the kiosk runs
    _ = try session.runKiosk(content: Fixtures.content(defaultLanguage: "pl"))

    // Then the next parent is welcomed in Polish again
    let headings = session.transcript.text.split(separator: "\n").filter {
      $0.hasPrefix("Witamy") || $0.hasPrefix("Welcome")
    }
    #expect(
      headings == [
        "Witamy w szkole Test School", "Welcome to Test School", "Witamy w szkole Test School",
      ])
  }

  @Test func helpInPolishIsAskedForInPolishAndSaysHowToChangeLanguage() throws {
    // Given a parent in Polish who types "pomoc" at the welcome screen, then "JĘZYK" and Enter
    let session = try TestSession(script: [.line("pomoc"), .line("JĘZYK"), .line(""), .endOfInput])

    // When the induction runs
    _ = try session.run(content: Fixtures.content(), language: "pl")

    // Then the help, the commands and the way to change language are all in Polish
    let text = session.transcript.text
    let afterHelp = try #require(text.range(of: "rozpocząć: pomoc\n"))
    #expect(
      text[afterHelp.upperBound...].hasPrefix(
        """

        Proszę nacisnąć Enter, aby rozpocząć wprowadzenie.
        Proszę wpisać "wskazówki", żeby jeszcze raz przeczytać
        wskazówki. Ctrl-C pozwala zacząć od początku.
        Proszę wpisać "język", aby czytać w innym języku.

        Proszę nacisnąć Enter, aby rozpocząć: JĘZYK

        Language · Język · Iaith
          1. English
          2. Polski
          3. Cymraeg
        Proszę wpisać numer języka albo nacisnąć Enter, aby kontynuować:\u{20}
        Kontynuujemy.

        """))
  }

  @Test func aPolishParentAtAUKKeyboardMayTypeTheWordsWithoutPolishLetters() throws {
    // Given a parent in Polish who types "jezyk" (for "język") at the welcome screen, then Enter
    let session = try TestSession(script: [.line("jezyk"), .line(""), .endOfInput])

    // When the induction runs
    _ = try session.run(content: Fixtures.content(), language: "pl")

    // Then the languages are offered, as for "język"
    #expect(
      session.transcript.text.contains("rozpocząć: jezyk\n\nLanguage · Język · Iaith\n"))
  }

  static let polishTranscript = """
    Witamy w szkole Test School
    ===========================

    Language · Język · Iaith
      1. English
      2. Polski
      3. Cymraeg
    Aby czytać w innym języku, proszę wpisać jego numer.

    To krótkie wprowadzenie trwa około dziesięciu minut. W tym
    czasie Państwo:
      • przeczytają wskazówki szkoły dotyczące mediów
        społecznościowych,
      • odpowiedzą na 2 krótkie pytania o codzienne sytuacje,
      • podpiszą oświadczenie, że przeczytali je i rozumieją.

    Przy każdym pytaniu można wpisać "pomoc" albo "wskazówki",
    żeby jeszcze raz przeczytać wskazówki.

    Proszę nacisnąć Enter, aby rozpocząć:\u{20}

    Wskazówki testowe (1 z 2)
    =========================

    Najpierw prosimy porozmawiać z nami.

    Proszę nacisnąć Enter, aby czytać dalej:\u{20}

    Wskazówki testowe (2 z 2)
    =========================

    Należy unikać tych przykładów:

      • Zasada pierwsza.
      • Zasada druga.

    Proszę nacisnąć Enter, aby przejść do pytań:\u{20}

    Pytanie 1 z 2: Pierwsze
    =======================

    Coś się dzieje.

    Co Państwo robią?
      1. Porozmawiać z nauczycielem.
      2. Napisać do nauczyciela w internecie.
      3. Napisać o tym w internecie.

    Proszę wpisać numer odpowiedzi (1-3): 1

    ✓ Dobrze.
    Dobrze: pracownicy mogą pomóc.

    Proszę nacisnąć Enter, aby kontynuować:\u{20}

    Pytanie 2 z 2: Drugie
    =====================

    Dzieje się coś innego.

    A teraz?
      1. Założyć czat grupowy.
      2. Zapytać w sekretariacie.
      3. Użyć logo szkoły.

    Proszę wpisać numer odpowiedzi (1-3): 1

    ✗ Nie do końca.
    Grupy mogą zwrócić się przeciwko komuś.
    Wrócimy do tego pytania na końcu.

    Proszę nacisnąć Enter, aby kontynuować:\u{20}

    Spójrzmy jeszcze raz
    ====================
    Pytania do ponownej odpowiedzi: 1. Proszę się nie spieszyć i
    jeszcze raz przeczytać opis sytuacji.


    Pytanie 2 z 2, ponownie: Drugie
    ===============================

    Dzieje się coś innego.

    A teraz?
      1. Zapytać w sekretariacie.
      2. Założyć czat grupowy.
      3. Użyć logo szkoły.

    Proszę wpisać numer odpowiedzi (1-3): 1

    ✓ Dobrze.
    Tak, to właściwa droga.

    Proszę nacisnąć Enter, aby kontynuować:\u{20}

    Bardzo dobrze
    =============

    Dobre odpowiedzi za pierwszym razem: 1 z 2. W końcu
    wszystkie odpowiedzi były dobre.

    Proszę nacisnąć Enter, aby kontynuować:\u{20}

    Dane o Państwu i dzieciach
    ==========================

    Imię i nazwisko: Zoë Ní Bhriain
    Kim są Państwo dla dziecka lub dzieci?
      1. Rodzic
      2. Opiekun
      3. Opiekun prawny
      4. Inna osoba
    Proszę wpisać numer (1-4): 1
    Dziecko 1, imię i nazwisko: Łukasz Wróbel
    Klasy:
      1. Zerówka (Niebieska)
      2. Klasa 1
    Dziecko 1, klasa (numer lub nazwa): 1
    Czy chcą Państwo dodać kolejne dziecko z tej szkoły? (tak/nie): nie

    Proszę sprawdzić dane:
      Państwo: Zoë Ní Bhriain (rodzic)
      Dziecko: Łukasz Wróbel, Zerówka (Niebieska)

    Czy dane są poprawne? (tak/nie): tak

    Państwa potwierdzenie
    =====================

    Przeczytałam lub przeczytałem wskazówki.

    Aby podpisać, proszę wpisać swoje imię i nazwisko tak jak wcześniej: zoë  ní bhriain

    Proszę wpisać tak, aby podpisać i zapisać, albo nie, aby zmienić dane: tak

    Dziękujemy
    ==========

    Państwa potwierdzenie zostało podpisane i zapisane.

      Numer potwierdzenia: AC3Q-4Z0J
      Podpisano: 26 listopada 2026 o 09:00

    Prosimy zapisać ten numer albo zrobić mu zdjęcie. Dzięki
    niemu sekretariat szkoły może odnaleźć Państwa
    potwierdzenie.


    """

  static let welshTranscript =
    """
    Croeso i Test School
    ====================

    Language · Język · Iaith
      1. English
      2. Polski
      3. Cymraeg
    I ddarllen hwn mewn iaith arall, teipiwch ei rhif.

    Mae'r cyflwyniad byr hwn yn cymryd tua deg munud. Byddwch
    chi'n:
      • darllen canllawiau'r ysgol ar y cyfryngau
        cymdeithasol,
      • ateb cwestiynau byr am sefyllfaoedd bob dydd (2 i
        gyd),
      • llofnodi i ddweud eich bod wedi darllen a deall y
        canllawiau.

    Wrth unrhyw gwestiwn, gallwch deipio "cymorth", neu
    "canllawiau" i ddarllen y canllawiau eto.

    Pwyswch Enter i ddechrau:\u{20}

    Canllawiau prawf (1 o 2)
    ========================

    Siaradwch â ni yn gyntaf.

    Pwyswch Enter i ddarllen ymlaen:\u{20}

    Canllawiau prawf (2 o 2)
    ========================

    Mae'n rhaid osgoi'r enghreifftiau hyn:

      • Rheol un.
      • Rheol dau.

    Pwyswch Enter i ddechrau'r cwestiynau:\u{20}

    Cwestiwn 1 o 2: Cyntaf
    ======================

    Mae rhywbeth yn digwydd.

    Beth ydych chi'n ei wneud?
      1. Siarad â'r athro.
      2. Anfon neges at yr athro ar-lein.
      3. Postio amdano.

    Teipiwch rif eich ateb (1-3): 1

    ✓ Cywir.
    Cywir: gall staff helpu.

    Pwyswch Enter i barhau:\u{20}

    Cwestiwn 2 o 2: Ail
    ===================

    Mae rhywbeth arall yn digwydd.

    A nawr?
      1. Dechrau sgwrs grŵp.
      2. Gofyn i'r swyddfa.
      3. Defnyddio logo'r ysgol.

    Teipiwch rif eich ateb (1-3): 1

    ✗ Ddim yn hollol.
    Gall grwpiau droi yn erbyn pobl.
    Byddwn ni'n dod yn ôl at hwn ar y diwedd.

    Pwyswch Enter i barhau:\u{20}

    Gadewch i ni edrych eto
    =======================
    Cwestiynau i roi cynnig arall arnyn nhw: 1. Cymerwch eich
    amser a darllenwch y sefyllfa eto.


    Cwestiwn 2 o 2, eto: Ail
    ========================

    Mae rhywbeth arall yn digwydd.

    A nawr?
      1. Gofyn i'r swyddfa.
      2. Dechrau sgwrs grŵp.
      3. Defnyddio logo'r ysgol.

    Teipiwch rif eich ateb (1-3): 1

    ✓ Cywir.
    Ie, dyna'r ffordd.

    Pwyswch Enter i barhau:\u{20}

    Da iawn
    =======

    Atebion cywir y tro cyntaf: 1 o 2. Roedd pob un yn gywir yn
    y diwedd.

    Pwyswch Enter i barhau:\u{20}

    Amdanoch chi a'ch plant
    =======================

    Eich enw llawn: Siân Ŵyn
    Beth yw eich perthynas â'r plentyn neu'r plant?
      1. Rhiant
      2. Gofalwr
      3. Gwarcheidwad
      4. Arall
    Teipiwch rif (1-4): 1
    Plentyn 1, enw llawn: Gwenllïan Ŵyn
    Dosbarthiadau:
      1. Derbyn (Glas)
      2. Blwyddyn 1
    Plentyn 1, dosbarth (rhif neu enw): 2
    Oes gennych chi blentyn arall yn yr ysgol i'w ychwanegu? (ie/na): na

    Gwiriwch y manylion hyn, os gwelwch yn dda:
      Chi: Siân Ŵyn (rhiant)
      Plentyn: Gwenllïan Ŵyn, Blwyddyn 1

    Ydy hyn yn gywir? (ie/na): ie

    Eich cadarnhad
    ==============

    Rwyf wedi darllen y canllawiau.

    I lofnodi, teipiwch eich enw llawn fel y rhoesoch chi ef: siân ŵyn

    Teipiwch ie i lofnodi a chadw, neu na i newid eich manylion: ie

    Diolch
    ======

    Mae eich cadarnhad wedi'i lofnodi a'i gadw.

      Eich cyfeirnod: VF2C-AWJC
      Llofnodwyd: 26 Tachwedd 2026 am 09:00

    Ysgrifennwch y cyfeirnod neu tynnwch lun ohono, os gwelwch
    yn dda. Gall y swyddfa ei ddefnyddio i ddod o hyd i'ch
    cadarnhad.


    """

  static let switchTranscript =
    """
    Welcome to Test School
    ======================

    Language · Język · Iaith
      1. English
      2. Polski
      3. Cymraeg
    To read this in another language, type its number.

    This short induction takes about ten minutes. You will:
      • read the school's guidance on social media,
      • answer 2 short questions about everyday situations,
      • sign to say you have read and understood it.

    At any question you can type "help", or "guidance" to read
    the guidance again.

    Press Enter to begin:\u{20}

    Test Guidance (1 of 2)
    ======================

    Talk to us first.

    Press Enter to read on:\u{20}

    Test Guidance (2 of 2)
    ======================

    These examples must be avoided:

      • Rule one.
      • Rule two.

    Press Enter to start the questions:\u{20}

    Question 1 of 2: First
    ======================

    Something happens.

    What do you do?
      1. Speak to the teacher.
      2. Message the teacher online.
      3. Post about it.

    Type the number of your answer (1-3): 1

    ✓ That's right.
    Right: staff can help.

    Press Enter to continue:\u{20}

    Question 2 of 2: Second
    =======================

    Something else happens.

    And now?
      1. Start a group chat.
      2. Ask the office.
      3. Use the school logo.

    Type the number of your answer (1-3): 2

    ✓ That's right.
    Yes, that is the route.

    Press Enter to continue:\u{20}

    Well done
    =========

    You got 2 of 2 right first time, and every one right in the
    end.

    Press Enter to continue:\u{20}

    About you and your children
    ===========================

    Your full name: Zoë Ní Bhriain
    How are you related to the child or children?
      1. Parent
      2. Carer
      3. Guardian
      4. Other
    Type a number (1-4): 1
    Child 1, full name: Siobhán O'Neil-Smith
    Classes:
      1. Reception (Blue)
      2. Year 1
    Child 1, class (number or name): language

    Language · Język · Iaith
      1. English
      2. Polski
      3. Cymraeg
    Type the number of a language, or press Enter to carry on: 2

    The questions will start again in Polski. Your answers so
    far still count, and what you typed about you and your
    children is kept.
    Change the language? (yes/no): yes

    Wskazówki testowe (1 z 2)
    =========================

    Najpierw prosimy porozmawiać z nami.

    Proszę nacisnąć Enter, aby czytać dalej:\u{20}

    Wskazówki testowe (2 z 2)
    =========================

    Należy unikać tych przykładów:

      • Zasada pierwsza.
      • Zasada druga.

    Proszę nacisnąć Enter, aby przejść do pytań:\u{20}

    Pytanie 1 z 2: Pierwsze
    =======================

    Coś się dzieje.

    Co Państwo robią?
      1. Porozmawiać z nauczycielem.
      2. Napisać do nauczyciela w internecie.
      3. Napisać o tym w internecie.

    Proszę wpisać numer odpowiedzi (1-3): 1

    ✓ Dobrze.
    Dobrze: pracownicy mogą pomóc.

    Proszę nacisnąć Enter, aby kontynuować:\u{20}

    Pytanie 2 z 2: Drugie
    =====================

    Dzieje się coś innego.

    A teraz?
      1. Założyć czat grupowy.
      2. Zapytać w sekretariacie.
      3. Użyć logo szkoły.

    Proszę wpisać numer odpowiedzi (1-3): 2

    ✓ Dobrze.
    Tak, to właściwa droga.

    Proszę nacisnąć Enter, aby kontynuować:\u{20}

    Bardzo dobrze
    =============

    Dobre odpowiedzi za pierwszym razem: 2 z 2. W końcu
    wszystkie odpowiedzi były dobre.

    Proszę nacisnąć Enter, aby kontynuować:\u{20}

    Dane o Państwu i dzieciach
    ==========================

    Wcześniej wpisane dane zostały zachowane; przed podpisaniem
    można je wszystkie sprawdzić.

    Klasy:
      1. Zerówka (Niebieska)
      2. Klasa 1
    Dziecko 1, klasa (numer lub nazwa): 1
    Czy chcą Państwo dodać kolejne dziecko z tej szkoły? (tak/nie): nie

    Proszę sprawdzić dane:
      Państwo: Zoë Ní Bhriain (rodzic)
      Dziecko: Siobhán O'Neil-Smith, Zerówka (Niebieska)

    Czy dane są poprawne? (tak/nie): tak

    Państwa potwierdzenie
    =====================

    Przeczytałam lub przeczytałem wskazówki.

    Aby podpisać, proszę wpisać swoje imię i nazwisko tak jak wcześniej: Zoë Ní Bhriain

    Proszę wpisać tak, aby podpisać i zapisać, albo nie, aby zmienić dane: tak

    Dziękujemy
    ==========

    Państwa potwierdzenie zostało podpisane i zapisane.

      Numer potwierdzenia: V6ZV-YC01
      Podpisano: 26 listopada 2026 o 09:00

    Prosimy zapisać ten numer albo zrobić mu zdjęcie. Dzięki
    niemu sekretariat szkoły może odnaleźć Państwa
    potwierdzenie.


    """
}
