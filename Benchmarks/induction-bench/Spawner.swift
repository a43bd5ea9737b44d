import ProcessDriving

#if canImport(Glibc)
  import Glibc
#endif

/// Starts programs with `posix_spawn` and reaps them with `wait4`.
enum Spawner {
  /// Where a child's standard input, output or error goes.
  enum Stream {
    /// The bench's own descriptor, inherited.
    case inherit
    /// `/dev/null`.
    case null
    /// A file, created or truncated (mode 0600).
    case file(String)
    /// An open descriptor of the bench (e.g. a pseudo-terminal's slave side opened by path).
    case path(String, flags: Int32)
  }

  /// Spawns `executable` with `arguments` and `environment`. Every descriptor but 0, 1 and 2 is
  /// closed in the child. With `newSession`, the child leads a new session (for a terminal); with
  /// `newProcessGroup`, a new process group whose id is its pid (so it can be stopped with the
  /// children it starts).
  static func spawn(
    _ executable: String, _ arguments: [String], environment: [String: String],
    stdin: Stream = .null, stdout: Stream = .null, stderr: Stream = .inherit,
    newSession: Bool = false, newProcessGroup: Bool = false
  ) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for (descriptor, stream) in [(Int32(0), stdin), (1, stdout), (2, stderr)] {
      switch stream {
      case .inherit: break
      case .null:
        posix_spawn_file_actions_addopen(
          &actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
      case .file(let path):
        posix_spawn_file_actions_addopen(
          &actions, descriptor, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
      case .path(let path, let flags):
        posix_spawn_file_actions_addopen(&actions, descriptor, path, flags, 0)
      }
    }
    if let closeFrom = LibC.spawnActionsAddCloseFrom { _ = closeFrom(&actions, 3) }

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigfillset(&defaults)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigmask(&attributes, &mask)
    var flags = Int32(POSIX_SPAWN_SETSIGDEF) | Int32(POSIX_SPAWN_SETSIGMASK)
    if newSession { flags |= LibC.spawnSetSID }
    if newProcessGroup && !newSession {
      flags |= Int32(POSIX_SPAWN_SETPGROUP)
      posix_spawnattr_setpgroup(&attributes, 0)
    }
    posix_spawnattr_setflags(&attributes, Int16(flags))

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp =
      environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    guard result == 0 else {
      throw BenchError("could not start \(executable): \(String(cString: strerror(result)))")
    }
    return pid
  }

  /// How a reaped child ended and what it used.
  struct Exit {
    /// The exit status, or 128 + the signal number.
    var status: Int32
    /// The child's resource usage (and its reaped children's) from `wait4`.
    var usage: rusage
  }

  /// Waits for `pid` with `wait4`, returning its status and resource usage.
  static func wait(_ pid: pid_t) throws -> Exit {
    var raw: Int32 = 0
    var usage = rusage()
    while wait4(pid, &raw, 0, &usage) < 0 {
      guard errno == EINTR else {
        throw BenchError("wait4 failed: \(String(cString: strerror(errno)))")
      }
    }
    let signal = raw & 0x7F
    return Exit(status: signal == 0 ? (raw >> 8) & 0xFF : 128 + signal, usage: usage)
  }

  /// Kills a child this bench started and reaps it.
  static func killAndReap(_ pid: pid_t) {
    kill(pid, SIGKILL)
    var raw: Int32 = 0
    while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
  }

  /// The absolute path of `name` on `PATH`, or nil.
  static func which(_ name: String, path: String?) -> String? {
    for folder in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
      let candidate = "\(folder)/\(name)"
      if access(candidate, X_OK) == 0 { return candidate }
    }
    return nil
  }
}
