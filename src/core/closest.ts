/**
 * The known name a mistyped one was probably meant to be, or undefined when none is close: one
 * slip in a short name, two in a longer one. Further than that, a guess misleads more than it helps.
 */
export function closest(name: string, known: readonly string[]): string | undefined {
  const [nearest] = known
    .map((candidate) => ({ candidate, distance: editDistance(name, candidate) }))
    .sort((a, b) => a.distance - b.distance)
  return nearest && nearest.distance <= (name.length > 5 ? 2 : 1) ? nearest.candidate : undefined
}

/** Edits between two names, a swap of neighbouring letters counting as one, as typing slips do. */
function editDistance(a: string, b: string): number {
  const width = b.length + 1
  const d: number[] = []
  const at = (i: number, j: number): number => d[i * width + j] ?? 0
  for (let i = 0; i <= a.length; i++) {
    for (let j = 0; j <= b.length; j++) {
      let edits = i + j
      if (i > 0 && j > 0) {
        edits = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1))
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) edits = Math.min(edits, at(i - 2, j - 2) + 1)
      }
      d[i * width + j] = edits
    }
  }
  return at(a.length, b.length)
}
