/// The name someone most likely meant when they mistyped one (`exprot` → `export`), for a "did you
/// mean" hint.
public enum NearestName {
  /// The name in `names` closest to `word` (case ignored), when it is close enough to be a typing
  /// slip: at most two letters added, dropped, changed or swapped, and fewer than half of the word.
  public static func nearest(to word: String, among names: [String]) -> String? {
    let typed = Array(word.lowercased())
    var best: (name: String, distance: Int)?
    for name in names {
      let distance = editDistance(typed, Array(name.lowercased()))
      guard distance <= 2, distance * 2 < max(typed.count, name.count) else { continue }
      if best.map({ distance < $0.distance }) ?? true { best = (name, distance) }
    }
    return best?.name
  }

  /// The optimal string alignment distance: insertions, deletions, substitutions and swaps of two
  /// neighbours each count one.
  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var before = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], before[j - 2] + 1)
        }
      }
      (before, previous, current) = (previous, current, before)
    }
    return previous[b.count]
  }
}
