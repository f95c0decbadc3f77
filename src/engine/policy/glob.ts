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

/**
 * A compiled pattern. Matched by the classic two-pointer walk, never by a regular expression:
 * `*?*?*?…` from a pull request would make a backtracking engine take hours on one name; this
 * takes at most (name length × pattern length) steps.
 */
export class Glob {
  private readonly tokens: Token[]

  constructor(pattern: string) {
    this.tokens = tokenize(pattern)
  }

  test(name: string): boolean {
    const chars = [...name]
    const { tokens } = this
    let t = 0
    let c = 0
    // The last `*` seen, and how far into the name it has been stretched.
    let star = -1
    let stretch = 0
    while (c < chars.length) {
      const token = tokens[t]
      if (token && (token.kind === '?' || (token.kind === 'char' && token.char === chars[c]))) {
        t++
        c++
      } else if (token?.kind === '*') {
        star = t++
        stretch = c
      } else if (star >= 0) {
        t = star + 1
        c = ++stretch
      } else {
        return false
      }
    }
    while (tokens[t]?.kind === '*') t++
    return t === tokens.length
  }
}
