import Foundation
import InductionCore
import InductionTerminal

/// Builds the real environment: the one place that touches the process, terminal, disk and clock.
enum CompositionRoot {
  /// Opens the data folder and the store, creating the signing key on first run (or always, with
  /// `createKey`, for a new PC joining a ledger; and for any PC new to a shared database, which is
  /// then refused until its key is enrolled). On a new ledger the key's genesis entry is written.
  /// `database`, when given, is the store the options name, opened already.
  static func openStore(
    _ options: GlobalOptions, createKey: Bool = false, database opened: AppDatabase? = nil
  ) throws -> (AppDatabase, SigningKey, DataDirectory) {
    umask(0o077)
    let directory = options.dataDirectoryValue
    try directory.prepare()
    let database = try opened ?? options.openDatabase(note: Failure.printError)
    let hasEntries = try database.hasLedgerEntries()
    let key = try SigningKey.loadOrCreate(
      at: directory.signingKeyURL,
      create: createKey || !hasEntries || database.dialect == .postgres)
    try database.registerSigningKey(
      key, keyPath: directory.signingKeyURL.path, at: Clock.system.now())
    return (database, key, directory)
  }

  /// The cache of the linted scenarios folder, in the data folder.
  static func scenarioCache(_ directory: DataDirectory) -> ScenarioCache {
    ScenarioCache(
      file: directory.url.appendingPathComponent("scenarios.cache"),
      program: "\(inductionVersion) \(buildCommit)")
  }

  /// The session an admin command runs in: the store opened as `access` says, the scenarios folder
  /// read leniently, standard output and error, a reader for confirmations at a terminal.
  static func adminSession(_ options: GlobalOptions, _ access: StoreAccess) throws -> AdminSession {
    let database: AppDatabase
    let key: SigningKey?
    let directory = options.dataDirectoryValue
    switch access {
    case .signing, .newKey:
      (database, key, _) = try openStore(options, createKey: access == .newKey)
    case .existingDatabaseOnly:
      guard
        try options.databaseURL() != nil
          || FileManager.default.fileExists(atPath: directory.databaseURL.path)
      else {
        throw AdminFailure(
          "no database at \(directory.databaseURL.path); pass the data folder with --data-dir")
      }
      database = try options.openDatabase(note: Failure.printError)
      key = try? SigningKey.loadOrCreate(at: directory.signingKeyURL, create: false)
      // A ledger from before key enrolment gains its genesis entry here too, when this folder
      // holds the key that signed it (without the key, verify reports the missing genesis).
      if let key, try database.keyTrust().genesis == nil, try database.hasLedgerEntries() {
        try database.registerSigningKey(
          key, keyPath: directory.signingKeyURL.path, at: Clock.system.now())
      }
    }
    let console = makeConsole()
    return try AdminSession.open(
      database: database, key: key, dataDirectory: directory, scenariosPath: options.scenariosPath,
      output: console, errors: makeErrorConsole(), standardOutput: STDOUT_FILENO,
      reader: interactive ? makeStaffReader(console: console) : nil, clock: .system)
  }

  /// Whether standard input is a terminal that readline can drive.
  static var interactive: Bool {
    isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
      && ProcessInfo.processInfo.environment["TERM"] != "dumb"
  }

  /// The console on standard output, as wide as the terminal is each time it wraps a paragraph.
  static func makeConsole() -> Console {
    let isTerminal = isatty(STDOUT_FILENO) == 1
    let noColour = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
    let measure: (() -> Int?)? = isTerminal ? { terminalColumns() } : nil
    let console = Console(
      output: FileDescriptorOutput(), width: 80, isTerminal: isTerminal, useColour: !noColour,
      measure: measure)
    console.isLinuxConsole = ProcessInfo.processInfo.environment["TERM"] == "linux"
    return console
  }

  /// The terminal's width now (after any resize), or nil when it cannot be read.
  static func terminalColumns() -> Int? {
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
  }

  /// The console on standard error (messages, problems, progress).
  static func makeErrorConsole() -> Console {
    let isTerminal = isatty(STDERR_FILENO) == 1
    return Console(
      output: FileDescriptorOutput(descriptor: STDERR_FILENO), isTerminal: isTerminal,
      useColour: false)
  }

  /// The line reader for parent sessions: readline without history on a terminal, plain otherwise.
  static func makeParentReader(console: Console) -> LineReader {
    if interactive {
      // A stray ~/.inputrc must not rebind keys at a parent's prompt.
      setenv("INPUTRC", "/dev/null", 1)
      return ReadlineLineReader(programName: "induction", keepsHistory: false)
    }
    return PlainLineReader(output: console.output)
  }

  /// The scenarios in every language for a parent or kiosk session (refused when the English set
  /// fails lint; a failing translation is left out), from the signed cache when the folder is
  /// unchanged: parsing them is most of the time before the welcome screen.
  static func parentContent(_ options: GlobalOptions) throws -> ParentContent {
    TerminalLocale.adopt()
    try ScenarioFolderNotFound.check(options.scenariosPath)
    let cache = scenarioCache(options.dataDirectoryValue)
    let existingKey = try? SigningKey.loadOrCreate(
      at: options.dataDirectoryValue.signingKeyURL, create: false)
    let (entry, _) = cache.entry(
      directory: URL(fileURLWithPath: options.scenariosPath), key: existingKey)
    let welcome: LoadedWelcome
    var linted: LoadedSchoolContent?
    var fingerprint: String?
    if let cached = entry?.preview(as: LoadedWelcome.self) {
      welcome = cached
    } else {
      let fresh = try lintForCache(options)
      linted = fresh.value
      fingerprint = fresh.fingerprint
      welcome = LoadedWelcome(fresh.value)
    }
    for refusal in welcome.refusals { Failure.printError(refusal) }
    return ParentContent(
      options: options, welcome: welcome.screen, cached: linted == nil ? entry : nil,
      linted: linted, fingerprint: fingerprint)
  }

  /// The scenarios folder linted from one reading of its files, with the fingerprint of exactly
  /// the bytes linted (nil when nothing may be cached).
  static func lintForCache(_ options: GlobalOptions) throws -> (
    value: LoadedSchoolContent, fingerprint: String?
  ) {
    try scenarioCache(options.dataDirectoryValue).lint(
      directory: URL(fileURLWithPath: options.scenariosPath)
    ) { try SchoolContentLoader.load(options.scenariosPath, reading: $0) }
  }

  /// The rest of a parent or kiosk session, once its content is loaded: the store and key (see
  /// ``signingStore(_:content:)``), signal handling and the parent line reader, writing to
  /// `console`.
  static func parentEnvironment(
    _ options: GlobalOptions, content: ParentContent, console: Console, seed: UInt64?
  ) throws -> Environment {
    let (database, key) = try signingStore(options, content: content)
    Signals.install()
    return Environment(
      clock: .system, random: seed.map(RandomSource.seeded) ?? .system,
      reader: makeParentReader(console: console), console: console, database: database,
      signingKey: key)
  }

  /// The web front end's services: the school's content (linted, or from the cache), the store
  /// and this PC's key (see ``signingStore(_:content:)``).
  static func webServices(_ options: GlobalOptions, station: String) throws -> InductionServices {
    var content = try parentContent(options)
    let school = try content.content()
    let (database, key) = try signingStore(options, content: content)
    return InductionServices(
      content: school, context: SessionContext(station: station, mode: "web"), store: database,
      clock: .system, random: .system, signingKey: key, makeSalt: Environment.randomSalt)
  }

  /// The store and this PC's key for parents' signings, the lint result cached; the key is refused
  /// unless the ledger trusts it, before any parent's first answer.
  static func signingStore(_ options: GlobalOptions, content: ParentContent) throws -> (
    AppDatabase, SigningKey
  ) {
    let (database, key, _) = try openStore(options)
    if let linted = content.linted, let fingerprint = content.fingerprint {
      scenarioCache(options.dataDirectoryValue).store(
        linted, preview: LoadedWelcome(linted), fingerprint: fingerprint, key: key)
    }
    // A parent must never answer everything and then be told this PC may not sign.
    let status = try database.keyTrust().status(of: key.publicKey)
    guard status == .trusted else {
      throw StoreError.keyNotTrusted(
        fingerprint: KeyFingerprint.display(key.id), status: status,
        database: database.databaseOption)
    }
    return (database, key)
  }

  /// Everything a kiosk session needs, from the options: ``parentContent(_:)`` then
  /// ``parentEnvironment(_:content:console:seed:)``.
  static func parentSession(_ options: GlobalOptions, seed: UInt64?) throws -> (
    environment: Environment, content: SchoolContent
  ) {
    var content = try parentContent(options)
    let school = try content.content()
    let environment = try parentEnvironment(
      options, content: content, console: makeConsole(), seed: seed)
    return (environment, school)
  }

  /// A parent session's scenarios: the welcome screen at once, the rest when asked for (decoded
  /// from the cache, or as just linted), and what to cache once the store (and so the key) is open.
  struct ParentContent {
    let options: GlobalOptions
    /// The welcome screen in every language offered.
    let welcome: WelcomeScreen
    /// The cache entry the welcome came from; nil when the folder was linted.
    let cached: ScenarioCache.Entry?
    /// The folder as linted (to cache); nil when it came from the cache.
    private(set) var linted: LoadedSchoolContent?
    /// The fingerprint of the bytes ``linted`` was linted from; nil when nothing may be cached.
    private(set) var fingerprint: String?

    /// The scenarios in every language offered: decoded from the cache entry, or (should it not
    /// decode) linted afresh.
    mutating func content() throws -> SchoolContent {
      if linted == nil, let value = cached?.value(as: LoadedSchoolContent.self) {
        return value.content
      }
      if linted == nil {
        let fresh = try CompositionRoot.lintForCache(options)
        linted = fresh.value
        fingerprint = fresh.fingerprint
      }
      return linted!.content
    }
  }

  /// The line reader for staff prompts.
  static func makeStaffReader(console: Console) -> LineReader {
    if interactive { return ReadlineLineReader(programName: "induction", keepsHistory: false) }
    return PlainLineReader(output: console.output)
  }
}
