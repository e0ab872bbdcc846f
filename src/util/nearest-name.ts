/** "Did you mean" for misspelt names: props, alert names, manifest fields. */

/** The known name closest to `name` (case-insensitive edit distance), if it is close enough to be a typo. */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = name.toLowerCase();
  for (const k of known) {
    const kl = k.toLowerCase();
    // A prefix that drops a unit or suffix (activeDeadline vs activeDeadlineSeconds) counts as close.
    const prefix = Math.min(lower.length, kl.length) >= 3 && (kl.startsWith(lower) || lower.startsWith(kl));
    const d = prefix ? Math.min(editDistance(lower, kl), 2) : editDistance(lower, kl);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(name.length / 3));
  return bestDistance <= limit ? best : undefined;
}

/** Levenshtein distance (pure). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
