/**
 * Subuser globs of a policy file: `*` matches any run of characters, `?` one, and a backslash
 * makes the character after it stand for itself (`\*`, `\?`, `\\`), so that any name, even one
 * holding a wildcard, can be written as itself. A name, not a path: there is no `/` rule.
 */

/** One character of a pattern: a wildcard, or a character that stands for itself. */
type Token = { kind: '*' } | { kind: '?' } | { kind: 'char'; char: string }

/** What a backslash escapes: the wildcards, and itself. */
const ESCAPED = ['*', '?', '\\']

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = []
  const chars = [...pattern]
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string
    // Only before a wildcard or a backslash: `mark\eting` stays what it says.
    if (char === '\\' && ESCAPED.includes(chars[i + 1] ?? '')) tokens.push({ kind: 'char', char: chars[++i] as string })
    else if (char === '*' || char === '?') tokens.push({ kind: char })
    else tokens.push({ kind: 'char', char })
  }
  return tokens
}

export function isGlob(pattern: string): boolean {
  return tokenize(pattern).some((token) => token.kind !== 'char')
}

/** The name a pattern without wildcards stands for: its escapes undone. */
export function unescapeGlob(pattern: string): string {
  return tokenize(pattern)
    .map((token) => (token.kind === 'char' ? token.char : token.kind))
    .join('')
}

/** A name as a pattern that matches only itself: what an export writes for a name holding `*`, `?` or `\`. */
export function escapeGlob(name: string): string {
  return name.replace(/[\\*?]/g, '\\$&')
}

/** Characters by their lowest 8 bits, a bit each: what a name holds, what a pattern needs. */
const CHARACTER_WORDS = 8

/**
 * A name as globs read it, made once however many patterns it meets: its characters by code point
 * (a `?` takes a whole one, not half of one), and which it holds, so that a pattern needing one it
 * lacks is out without a look at the name.
 */
export class GlobName {
  readonly chars: Int32Array
  readonly holds = new Int32Array(CHARACTER_WORDS)

  constructor(name: string) {
    this.chars = Int32Array.from(name, (char) => char.codePointAt(0) ?? 0)
    for (const point of this.chars) mark(this.holds, point & 0xff)
  }
}

/**
 * A compiled pattern: the run of characters before its first `*` must start the name, the run
 * after its last `*` end it, and each run between, found where it first ends after the one before,
 * leaves the most room for the rest. Never a regular expression, nor a walk that backs up: the
 * runs are found in one pass over the name, so each of a file's thousands of `*aaaa…b*` costs
 * steps in proportion to the name and the pattern, not to their product.
 */
export class Glob {
  private readonly head: Run
  /** Undefined without a `*`: the pattern is then the whole name. */
  private readonly tail?: Run
  private readonly middle: Run[]
  /** The fewest characters a name it matches can have, and the ones it must hold. */
  private readonly shortest: number
  private readonly needs = new Int32Array(CHARACTER_WORDS)

  constructor(pattern: string) {
    const runs: number[][] = [[]]
    for (const token of tokenize(pattern)) {
      if (token.kind === '*') runs.push([])
      else runs.at(-1)?.push(token.kind === '?' ? ANY : (token.char.codePointAt(0) ?? 0))
    }
    for (const point of runs.flat()) if (point !== ANY) mark(this.needs, point & 0xff)
    const compiled = runs.map((points) => new Run(points))
    this.head = compiled.shift() as Run
    this.tail = compiled.pop()
    // Between two `*` back to back is an empty run, which matches anywhere.
    this.middle = compiled.filter((run) => run.length > 0)
    this.shortest = runs.reduce((sum, points) => sum + points.length, 0)
  }

  test(name: string | GlobName): boolean {
    const { chars, holds } = typeof name === 'string' ? new GlobName(name) : name
    const { head, tail, needs } = this
    for (let w = 0; w < CHARACTER_WORDS; w++) if (((needs[w] ?? 0) & ~(holds[w] ?? 0)) !== 0) return false
    if (!tail) return chars.length === head.length && head.startsAt(chars, 0)
    const end = chars.length - tail.length
    if (chars.length < this.shortest || !head.startsAt(chars, 0) || !tail.startsAt(chars, end)) return false
    let from = head.length
    for (const run of this.middle) {
      from = run.firstEnd(chars, from, end)
      if (from < 0) return false
    }
    return true
  }
}

/** A `?` in a run: code points are never negative. */
const ANY = -1
/** Bits in a word of JavaScript's bitwise operators. */
const WORD = 32

/**
 * Characters and `?` between two `*`. Found by Knuth–Morris–Pratt when it holds no `?`: one pass,
 * never backing up in the name. A `?` would break the table that lets KMP skip ahead, so a run
 * holding one is found by Shift-And instead: one pass too, a bit per character of the run.
 */
class Run {
  readonly length: number
  /** KMP: after `i + 1` matched characters and one that differs, how many still count as matched. */
  private readonly fallback?: Int32Array
  /** Shift-And: for each character, the positions of the run it may stand at; `?` positions for any other. */
  private readonly masks?: { of: Map<number, Int32Array>; other: Int32Array; state: Int32Array }

  private readonly points: Int32Array

  constructor(points: readonly number[]) {
    this.points = Int32Array.from(points)
    this.length = points.length
    if (points.includes(ANY)) this.masks = shiftAndMasks(points)
    else this.fallback = kmpFallback(points)
  }

  startsAt(chars: Int32Array, start: number): boolean {
    for (let i = 0; i < this.length; i++) {
      const point = this.points[i]
      if (point !== ANY && point !== chars[start + i]) return false
    }
    return true
  }

  /** Where the first occurrence at or after `from` ends, if it ends by `to`; -1 when none does. */
  firstEnd(chars: Int32Array, from: number, to: number): number {
    return this.fallback ? this.kmp(this.fallback, chars, from, to) : this.shiftAnd(chars, from, to)
  }

  private kmp(fallback: Int32Array, chars: Int32Array, from: number, to: number): number {
    const { points, length } = this
    let matched = 0
    for (let i = from; i < to; i++) {
      const char = chars[i]
      while (matched > 0 && points[matched] !== char) matched = fallback[matched - 1] ?? 0
      if (points[matched] === char) matched++
      if (matched === length) return i + 1
    }
    return -1
  }

  private shiftAnd(chars: Int32Array, from: number, to: number): number {
    const { of, other, state } = this.masks as NonNullable<Run['masks']>
    const last = state.length - 1
    const done = 1 << ((this.length - 1) % WORD)
    state.fill(0)
    for (let i = from; i < to; i++) {
      const mask = of.get(chars[i] ?? ANY) ?? other
      // Every partial match moves one position on, a new one starts here, and the mask keeps those the character allows.
      let carry = 1
      for (let w = 0; w <= last; w++) {
        const word = state[w] ?? 0
        state[w] = ((word << 1) | carry) & (mask[w] ?? 0)
        carry = word >>> (WORD - 1)
      }
      if (((state[last] ?? 0) & done) !== 0) return i + 1
    }
    return -1
  }
}

function kmpFallback(points: readonly number[]): Int32Array {
  const fallback = new Int32Array(points.length)
  for (let i = 1, border = 0; i < points.length; i++) {
    while (border > 0 && points[i] !== points[border]) border = fallback[border - 1] ?? 0
    if (points[i] === points[border]) border++
    fallback[i] = border
  }
  return fallback
}

function shiftAndMasks(points: readonly number[]): NonNullable<Run['masks']> {
  const words = Math.ceil(points.length / WORD)
  const other = new Int32Array(words)
  const of = new Map<number, Int32Array>()
  points.forEach((point, i) => point === ANY && mark(other, i))
  points.forEach((point, i) => {
    if (point === ANY) return
    const mask = of.get(point) ?? Int32Array.from(other)
    mark(mask, i)
    of.set(point, mask)
  })
  return { of, other, state: new Int32Array(words) }
}

/** Sets bit `i` of a mask of 32-bit words. */
function mark(mask: Int32Array, i: number): void {
  const w = Math.floor(i / WORD)
  mask[w] = (mask[w] ?? 0) | (1 << (i % WORD))
}
