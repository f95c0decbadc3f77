/**
 * Subuser globs: the compiled matcher gives the answers of the plainest matcher there is, on
 * thousands of random patterns and names; and thousands of exclusions over a fleet of long names
 * are matched in passes over each name, through the action against the stand-in.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from '../src/action/main.js'
import { escapeGlob, Glob, isGlob, unescapeGlob } from '../src/engine/policy/glob.js'
import type { ReportEntry } from '../src/report/entries.js'
import { DEFAULT_STAND_IN_KEY, startStandIn, type StandIn } from '../stand-in/server.js'
import { FAST_RETRY, fakeClock } from './helpers/clock.js'
import { runStep } from './helpers/workflow-step.js'

/**
 * The meaning of a glob, read straight off its definition: a backslash before `*`, `?` or `\`
 * makes it that character; `*` takes any run, `?` one character (a code point), any other
 * character itself. Slow and obviously right: every way to match is tried.
 */
function reference(pattern: string, name: string): boolean {
  const p = [...pattern]
  const n = [...name]
  const memo = new Map<string, boolean>()
  const from = (i: number, j: number): boolean => {
    const key = `${i},${j}`
    if (!memo.has(key)) memo.set(key, step(i, j))
    return memo.get(key) as boolean
  }
  const step = (i: number, j: number): boolean => {
    if (i === p.length) return j === n.length
    const char = p[i]
    if (char === '\\' && ['*', '?', '\\'].includes(p[i + 1] ?? '')) return n[j] === p[i + 1] && from(i + 2, j + 1)
    if (char === '*') return from(i + 1, j) || (j < n.length && from(i, j + 1))
    if (char === '?') return j < n.length && from(i + 1, j + 1)
    return n[j] === char && from(i + 1, j + 1)
  }
  return from(0, 0)
}

/** A fixed sequence, so that a failure comes back the same on the next run. */
function randomness(seed: number): (below: number) => number {
  let state = seed
  return (below) => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state % below
  }
}

function text(random: (below: number) => number, alphabet: readonly string[], longest: number): string {
  return Array.from({ length: random(longest + 1) }, () => alphabet[random(alphabet.length)]).join('')
}

describe('a compiled glob answers as the definition does', () => {
  it.each([
    // Escapes, a character past Latin-1, and one past the 16-bit range, over short names.
    ['escapes and characters of every width', ['a', 'b', '*', '?', '\\', 'é', '😀'], 8, 10, 20_000],
    // Long runs of repeats between rare stars: KMP's fallback without `?`, Shift-And across 32-bit words with it.
    ['long runs of two characters', [...'a'.repeat(12), ...'b'.repeat(4), '*'], 60, 80, 3_000],
    ['long runs of few characters', [...'a'.repeat(20), ...'b'.repeat(5), ...'?'.repeat(5), '*'], 120, 150, 3_000]
  ] as const)('%s', (_, alphabet, longestPattern, longestName, cases) => {
    const random = randomness(cases)
    const differing: string[] = []
    for (let i = 0; i < cases; i++) {
      const pattern = text(random, alphabet, longestPattern)
      // Half the names are made from the pattern, so that matches are common, not rare.
      const name =
        i % 2 === 0
          ? text(
              random,
              alphabet.filter((c) => c !== '*'),
              longestName
            )
          : pattern.replace(/\*/g, () => text(random, ['a', 'b'], 3)).replace(/\?/g, () => (random(2) ? 'a' : '?'))
      if (new Glob(pattern).test(name) !== reference(pattern, name)) differing.push(`${pattern} against ${name}`)
    }
    expect(differing).toEqual([])
  })
})

describe('thousands of exclusions over thousands of long names', () => {
  let standIn: StandIn | undefined
  let workspace: string | undefined
  afterEach(async () => {
    await standIn?.close()
    if (workspace) await rm(workspace, { recursive: true, force: true })
  })

  it('selects in one pass over each name for each pattern, where matching by backing up took minutes', async () => {
    // Each name holds every character the patterns need, and a run of 200 a's before a b: just
    // short of every `*aaaa…b<digits>*`, so that each pattern must be looked for along the whole name.
    const names = Array.from({ length: 1000 }, (_, i) => `b${'a'.repeat(200)}b-${i}-${i % 100 === 0 ? 'keep' : 'drop'}`)
    // A thousand different ones: a pattern given twice is matched once.
    const patterns = Array.from({ length: 1000 }, (_, i) => `*${'a'.repeat(201 + (i % 50))}b${Math.floor(i / 50)}*`)
    const policy = { version: 1, default: { 'require-tls': true }, targets: [{ subuser: '*', exclude: [...patterns, '*-drop'] }] }
    workspace = await mkdtemp(join(tmpdir(), 'glob-workspace-'))
    await writeFile(join(workspace, 'policy.json'), JSON.stringify(policy))
    standIn = await startStandIn({
      subusers: Object.fromEntries(names.map((name) => [name, { require_tls: true, require_valid_cert: false }]))
    })
    const result = await runStep(
      () => run({ clock: fakeClock(), retry: FAST_RETRY, confirmWaitsMs: [0] }),
      { 'api-key': DEFAULT_STAND_IN_KEY, 'api-url': standIn.url, 'policy-file': 'policy.json', mode: 'verify' },
      { GITHUB_WORKSPACE: workspace }
    )
    const report = JSON.parse(result.outputs['report'] ?? '[]') as ReportEntry[]
    expect(report.map((entry) => [entry.target, entry.compliant])).toEqual(
      names.filter((name) => name.endsWith('-keep')).map((name) => [name, true])
    )
    expect(result.exitCode).toBe(0)
  })
})

describe('globs', () => {
  it.each<[string, string, boolean]>([
    ['*', 'anything', true],
    ['*', '', true],
    ['eu-*', 'eu-west', true],
    ['eu-*', 'us-east', false],
    ['*-prod', 'billing-prod', true],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['a*b*c', 'a-b-b-c', true],
    ['a*b*c', 'a-c-b', false],
    ['prod\\*', 'prod*', true],
    ['prod\\*', 'production', false],
    ['what\\?', 'what?', true],
    ['back\\\\slash', 'back\\slash', true],
    ['.+^$()|[]{}', '.+^$()|[]{}', true],
    ['ü*', 'über', true],
    ['mark\\eting', 'mark\\eting', true],
    ['mark\\eting', 'marketing', false],
    ['abc\\', 'abc\\', true]
  ])('%s against %s: %s', (pattern, name, matches) => {
    expect(new Glob(pattern).test(name)).toBe(matches)
  })

  it('matches a pathological pattern against a long name at once, where a backtracking engine takes hours', () => {
    const pattern = `${'*?'.repeat(40)}#`
    expect(new Glob(pattern).test('customer-account-eu-west-production-001'.repeat(6))).toBe(false)
  })

  it('writes any name as a pattern that matches only itself', () => {
    for (const name of ['prod*', '*', 'a?b', 'back\\slash', 'plain']) {
      const pattern = escapeGlob(name)
      expect([name, isGlob(pattern), unescapeGlob(pattern), new Glob(pattern).test(name), new Glob(pattern).test(`${name}x`)]).toEqual([
        name,
        false,
        name,
        true,
        false
      ])
    }
  })
})
