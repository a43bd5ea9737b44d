/// Why the benchmark could not go on: one plain sentence.
struct BenchError: Error, CustomStringConvertible {
  /// What went wrong and what to do.
  let description: String

  /// An error saying `description`.
  init(_ description: String) { self.description = description }
}
