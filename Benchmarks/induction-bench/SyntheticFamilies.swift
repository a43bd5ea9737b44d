/// Realistic families for the synthetic database: parents and children of a British nursery and
/// primary school, with the accents, apostrophes, hyphens and scripts that real rosters have.
struct SyntheticFamilies {
  /// Given names, mixed: many families, many languages.
  static let givenNames = [
    "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia",
    "Grace", "Freya", "Florence", "Willow", "Evie", "Poppy", "Zoë", "Siobhán", "Aoife", "Niamh",
    "Chloé", "Renée", "Noémie", "Maëlle", "Inès", "Björn", "Søren", "Jürgen", "Łukasz", "Zofia",
    "Małgorzata", "Agnieszka", "Oliver", "George", "Noah", "Arthur", "Leo", "Muhammad", "Harry",
    "Oscar", "Archie", "Henry", "Theodore", "Jack", "Freddie", "Charlie", "Alfie", "Finley",
    "Seán", "Pádraig", "Eóin", "Dáithí", "José", "Íñigo", "Martín", "Nuño", "João", "Conceição",
    "Aisha", "Fatima", "Maryam", "Zainab", "Ayşe", "Emre", "Göksu", "Çağla", "Oluwaseun",
    "Chidinma", "Ngozi", "Adébáyọ̀", "Kwame", "Ama", "Priya", "Aarav", "Saanvi", "Arjun",
    "Ananya", "Nguyễn", "Thảo", "Minh", "Wei", "Xiǎo", "Mei", "Yuki", "Haruto", "Sakura",
    "Ioana", "Ștefan", "Dragoș", "Miloš", "Jiří", "Tomáš", "Ελένη", "Γιώργος", "Ольга", "Дмитрий",
  ]

  /// Family names.
  static let familyNames = [
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
    "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards",
    "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner",
    "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker",
    "O'Brien", "O'Neill", "McCarthy", "Ní Bhriain", "Ó Súilleabháin", "MacDonald", "Fitzgerald",
    "Smith-Jones", "Lloyd-Williams", "Bowes-Lyon", "Müller", "Schröder", "Weiß", "Kowalski",
    "Wiśniewski", "Wójcik", "Nowak", "Dąbrowski", "García", "Fernández", "Núñez", "Peña",
    "Gonçalves", "Conceição", "Lefèvre", "Bérénger", "Dubois", "Ahmed", "Khan", "Hussain",
    "Begum", "Ali", "Rahman", "Öztürk", "Yılmaz", "Şahin", "Çelik", "Okafor", "Adeyemi",
    "Mensah", "Boateng", "Sharma", "Singh", "Kaur", "Gupta", "Nguyễn", "Trần", "Lê", "Wang",
    "Li", "Zhang", "Chen", "Tanaka", "Sato", "Popescu", "Ionescu", "Novák", "Dvořák",
    "Παπαδόπουλος", "Иванова", "van der Berg", "de la Cruz", "D'Souza",
  ]

  /// Relationships, as parents type them.
  static let relationships = [
    "parent", "parent", "parent", "parent", "mother", "father", "carer", "guardian",
    "grandparent", "step-parent", "foster carer", "Mum", "Dad", "aunt",
  ]

  /// The classes children are in (from the school's settings), with a nursery fallback.
  let classes: [String]

  /// Families drawn from these classes.
  init(classes: [String]) {
    self.classes = classes.isEmpty ? ["Nursery", "Reception", "Year 1", "Year 2"] : classes
  }

  /// One family: a parent's full name, their relationship, and one to three children with classes.
  /// A few parents have a nickname in quotes or a comma in what they typed (CSV quoting).
  func family(using random: inout SeededGenerator) -> (
    parent: String, relationship: String, children: [(name: String, className: String)]
  ) {
    let family = Self.familyNames.randomElement(using: &random)!
    var parent = Self.givenNames.randomElement(using: &random)! + " " + family
    if random.chance(0.01) {
      parent = Self.givenNames.randomElement(using: &random)! + " \"Jo\" " + family
    }
    if random.chance(0.2) {
      parent =
        Self.givenNames.randomElement(using: &random)! + " "
        + Self.familyNames.randomElement(using: &random)!
    }
    var relationship = Self.relationships.randomElement(using: &random)!
    if random.chance(0.005) { relationship = "parent, and school governor" }
    let childCount = [1, 1, 1, 1, 2, 2, 3].randomElement(using: &random)!
    let children = (0..<childCount).map { _ in
      (
        name: Self.givenNames.randomElement(using: &random)! + " " + family,
        className: classes.randomElement(using: &random)!
      )
    }
    return (parent, relationship, children)
  }
}
