import Testing

extension Trait where Self == TimeLimitTrait {
  /// The time limit every suite that runs programs or big inputs takes: a guard against a hang,
  /// never a speed goal (speed is measured by the benchmarks).
  ///
  /// Swift Testing starts a test's clock when the test is scheduled, not when its body first runs.
  /// The end-to-end tests block their threads while a program runs, so on a two-core machine a
  /// quick test can wait minutes for a thread while the long suites (the kill -9 loop, the kiosk
  /// load, PostgreSQL's shared-database runs) hold them: five minutes was seen to run out for
  /// tests whose bodies take three seconds. Each wait inside a test has its own deadline, so a
  /// hang still ends; this limit only has to be longer than the whole run.
  public static var hangGuard: Self { .timeLimit(.minutes(30)) }
}
