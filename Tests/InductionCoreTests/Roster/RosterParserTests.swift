import Foundation
import InductionCore
import Testing

@Suite("Roster parser")
struct RosterParserTests {
  private func parse(_ text: String) -> RosterParseResult {
    RosterParser.parse(Data(text.utf8), displayPath: "roster.csv")
  }

  private func messages(_ text: String) -> [String] {
    parse(text).problems.map(\.description)
  }

  @Test func aValidFileWithBOMCRLFAndSplitNamesParsesToTheseRows() {
    let text =
      "\u{FEFF}Pupil Forename,Pupil Surname,Class,Parent / Carer Name,E-mail\r\n"
      + "Zoe\u{308},\"Smith, Jr\",Reception (Blue),\"Jo \"\"JJ\"\" Smith\",jo@example.org\r\n"
      + "  Siobhán ,  O'Neil ,Year  1,Mary   O'Neil,\r\n"
      + "\r\n"
      + "\"Ali\",\"Khan\",Year 1,Sara Khan, sara@example.org \r\n"
    let result = parse(text)
    #expect(result.problems == [])
    #expect(
      result.rows == [
        RosterRow(
          line: 2, parentName: "Jo \"JJ\" Smith", parentEmail: "jo@example.org",
          childName: "Zoë Smith, Jr", className: "Reception (Blue)"),
        RosterRow(
          line: 3, parentName: "Mary O'Neil", parentEmail: nil, childName: "Siobhán O'Neil",
          className: "Year 1"),
        RosterRow(
          line: 5, parentName: "Sara Khan", parentEmail: "sara@example.org",
          childName: "Ali Khan", className: "Year 1"),
      ])
  }

  @Test func aChildNamedAgainOnALaterRowIsOneChildWithTheFirstEmailGiven() {
    let text =
      "Parent,Email,Child,Class\n" + "Ann Able,,Kit Able,Year 1\n"
      + "Bob Able,bob@example.org,Kit Able,Year 1\n" + "Cat Cole,,Dan Cole,Year 1\n"
      + "Ann Able,ann@example.org,KIT  ABLE,year 1\n" + "Ann Able,,Kit Able,Year 2\n"
    let result = parse(text)
    #expect(result.problems == [])
    #expect(
      result.rows == [
        RosterRow(
          line: 2, parentName: "Ann Able", parentEmail: "bob@example.org", childName: "Kit Able",
          className: "Year 1"),
        RosterRow(
          line: 4, parentName: "Cat Cole", parentEmail: nil, childName: "Dan Cole",
          className: "Year 1"),
        RosterRow(
          line: 6, parentName: "Ann Able", parentEmail: nil, childName: "Kit Able",
          className: "Year 2"),
      ])
    #expect(
      result.repeated == [RosterRepeat(line: 3, firstLine: 2), RosterRepeat(line: 5, firstLine: 2)])
  }

  @Test func aFileWithLFAndNoBOMAndWholeNamesParses() {
    let text = "parent name,child name,class\nAmy Lee,Ben Lee,Year 2\n"
    #expect(
      parse(text).rows == [
        RosterRow(
          line: 2, parentName: "Amy Lee", parentEmail: nil, childName: "Ben Lee",
          className: "Year 2")
      ])
  }

  @Test(arguments: [
    ("PARENT", "Pupil", "Reg Group"),
    ("  Parent/Carer ", "STUDENT NAME", "year / class"),
    ("Primary   Contact", "child", "Form"),
    ("carer", "Student", "registration group"),
    ("Contact Name", "pupil name", "CLASS NAME"),
  ])
  func aliasesMatchIgnoringCaseAndSpaces(parent: String, child: String, className: String) {
    let text = "\(parent),\(child),\(className)\nAmy Lee,Ben Lee,Year 2\n"
    let result = parse(text)
    #expect(result.problems == [])
    #expect(
      result.rows == [
        RosterRow(
          line: 2, parentName: "Amy Lee", parentEmail: nil, childName: "Ben Lee",
          className: "Year 2")
      ])
  }

  @Test func aPreferredForenameWinsOverALegalOne() {
    let text =
      "Legal Forename,Forename,Surname,Parent First Name,Parent Last Name,Group,Contact Email\n"
      + "Robert,Bob,Jones,Ann,Jones,Year 3,ann@example.org\n"
    #expect(
      parse(text).rows == [
        RosterRow(
          line: 2, parentName: "Ann Jones", parentEmail: "ann@example.org",
          childName: "Bob Jones", className: "Year 3")
      ])
  }

  @Test func anEmptyFileSaysSo() {
    let expected = ["roster.csv:1: file is empty; export the roster again with a header row"]
    #expect(messages("") == expected)
    #expect(messages("\u{FEFF}") == expected)
    #expect(messages("\r\n\r\n") == expected)
  }

  @Test func aHeaderWithoutChildrenSaysSo() {
    #expect(
      messages("parent,child,class\r\n") == [
        "roster.csv:1: file has a header row but no children; "
          + "export the roster again with the children"
      ])
  }

  @Test func aFileThatIsNotUTF8NamesTheLineOfTheFirstBadByte() {
    var data = Data("parent,child,class\r\nAmy,Ben,Year 1\r\nJos".utf8)
    data.append(0xE9)  // Latin-1 é
    data.append(contentsOf: Array(",Zo,Year 1\r\n".utf8))
    let result = RosterParser.parse(data, displayPath: "roster.csv")
    #expect(result.rows == [])
    #expect(
      result.problems.map(\.description) == [
        "roster.csv:1: file is not UTF-8 text (the first bad character is on line 3); "
          + "save it from the spreadsheet as CSV UTF-8 and import again"
      ])
  }

  @Test func everyMissingColumnIsNamedWithItsAcceptedNames() {
    #expect(
      messages("name,pupil forename,class\nA,B,C\n") == [
        "roster.csv:1: the header has no parent name column; rename a column to one of: "
          + "parent name, parent, parent/carer, parent / carer name, carer, contact name, "
          + "primary contact (or use separate forename and surname columns)",
        "roster.csv:1: the header has a child forename column but no child surname column; "
          + "rename a column to one of: child surname, child last name, pupil surname, surname, "
          + "last name, legal surname",
      ])
    #expect(
      messages("parent,child\nA,B\n") == [
        "roster.csv:1: the header has no class column; rename a column to one of: "
          + "class, class name, form, reg group, registration group, group, year/class"
      ])
  }

  @Test func twoColumnsWithTheSameNameAreAmbiguous() {
    #expect(
      messages("parent,child,class,Class\nA,B,C,D\n") == [
        "roster.csv:1: the header has 2 class columns (columns 3 and 4); keep only one"
      ])
  }

  @Test func aWrongFieldCountNamesItsLineAndEveryBadLineIsListed() {
    let text =
      "parent,child,class,email\r\n"
      + "Amy,Ben,Year 1\r\n"
      + "Amy,Ben,Year 1,a@b.org\r\n"
      + "Amy,\"Ben\r\nLee\",Year 1,a@b.org,extra\r\n"
      + "Amy,Cal,Year 1,a@b.org\r\n"
    let result = parse(text)
    #expect(
      result.problems.map(\.description) == [
        "roster.csv:2: has 3 fields but the header has 4",
        "roster.csv:4: has 5 fields but the header has 4",
      ])
    #expect(result.rows.map(\.line) == [3, 6])
  }

  @Test func emptyRequiredFieldsAreEachReported() {
    #expect(
      messages("parent,forename,surname,class\n ,,,Year 1\nAmy,Ben,,\n") == [
        "roster.csv:2: parent name is empty",
        "roster.csv:2: child name is empty",
        "roster.csv:3: class is empty",
      ])
  }

  @Test func aNameWithoutALetterIsRefusedAsTheKioskRefusesIt() {
    #expect(
      messages("parent,child,class\n=1+1,Ben,Year 1\nAmy,12345,Year 1\nAmy,Ben,6\n") == [
        "roster.csv:2: parent name has no letter; correct it in the spreadsheet",
        "roster.csv:3: child name has no letter; correct it in the spreadsheet",
      ])
  }

  @Test func controlAndTextDirectionCharactersAreRefused() {
    let text =
      "parent,child,class\n"
      + "Amy\u{7},Ben,Year 1\n"
      + "Amy,Ben\u{202E}eeL,Year 1\n"
      + "Amy,Ben,\"Year\n1\"\n"
      + "Amy\u{85},Ben\u{2067},Year\u{200F} 1\n"
      + "Amy,Ben,Year 1\u{7F}\n"
    #expect(
      messages(text) == [
        "roster.csv:2: parent name contains a control or text-direction character; "
          + "retype it in the spreadsheet",
        "roster.csv:3: child name contains a control or text-direction character; "
          + "retype it in the spreadsheet",
        "roster.csv:4: class contains a control or text-direction character; "
          + "retype it in the spreadsheet",
        "roster.csv:6: parent name contains a control or text-direction character; "
          + "retype it in the spreadsheet",
        "roster.csv:6: child name contains a control or text-direction character; "
          + "retype it in the spreadsheet",
        "roster.csv:6: class contains a control or text-direction character; "
          + "retype it in the spreadsheet",
        "roster.csv:7: class contains a control or text-direction character; "
          + "retype it in the spreadsheet",
      ])
  }

  @Test func rightToLeftNamesWithoutOverridesAreAccepted() {
    #expect(
      parse("parent,child,class\nسارة خان,مريم خان,Year 1\n").rows == [
        RosterRow(
          line: 2, parentName: "سارة خان", parentEmail: nil, childName: "مريم خان",
          className: "Year 1")
      ])
  }

  @Test func anOverLongFieldIsRefused() {
    let long = String(repeating: "a", count: 201)
    let fits = String(repeating: "b", count: 200)
    let result = parse("parent,child,class\n\(long),\(fits),Year 1\n")
    #expect(
      result.problems.map(\.description) == [
        "roster.csv:2: parent name is longer than 200 characters; shorten it"
      ])
  }

  @Test func anEmailWithoutAnAtIsRefused() {
    let result = parse(
      "parent,child,class,parent email\nAmy,Ben,Year 1,amy.example.org\nAmy,Ben,Year 1,@x\n")
    #expect(result.rows == [])
    #expect(
      result.problems.map(\.description) == [
        "roster.csv:2: parent email is not an email address; correct it or leave it empty",
        "roster.csv:3: parent email is not an email address; correct it or leave it empty",
      ])
  }

  @Test func goodRowsAreStillReturnedBesideTheProblems() {
    let result = parse("parent,child,class\nAmy,Ben,Year 1\n,Cal,Year 2\n")
    #expect(result.problems.map(\.description) == ["roster.csv:3: parent name is empty"])
    #expect(
      result.rows == [
        RosterRow(
          line: 2, parentName: "Amy", parentEmail: nil, childName: "Ben", className: "Year 1")
      ])
  }
}
