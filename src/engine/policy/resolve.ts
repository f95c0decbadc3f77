/**
 * A policy document -> which targets it holds, and what each must enforce: the default, then every
 * entry that matches the target, in file order, field by field (a later entry wins; `null` leaves
 * a field unmanaged). An entry past its `expires` day no longer sets anything, but still selects
 * its target, so an ended exception puts the target back under the rest of the policy instead
 * of out of the check.
 */
import type { Origin, TargetPolicy } from '../target-policy.js'
import { FIELDS, type DesiredTls, type Field } from '../../core/tls-setting.js'
import type { Target, TargetSelection } from '../../core/target.js'
import type { PolicyDocument, PolicyEntry, PolicyFields, Selector } from './parse.js'
import { Glob, GlobName, isGlob, unescapeGlob } from './glob.js'
import type { PolicyProblem } from './problems.js'

/** What a run needs of a policy file: what to list, which targets it holds, and what each must enforce. */
export interface PolicyScope {
  /** The targets to read, as the engine expands them; `allSubusers` when an entry is a glob. */
  selection: TargetSelection
  /** The candidates the file holds, in their order: a glob's matches without its exclusions. */
  choose: (candidates: readonly Target[]) => Target[]
  policyFor: (target: Target) => TargetPolicy
  /** Ended exceptions, and, once the subusers are listed, globs that matched none. */
  warnings: (listed?: readonly string[]) => PolicyProblem[]
}

/** `today` is `YYYY-MM-DD` in UTC: an entry applies through its `expires` day. */
export function scopeOf(document: PolicyDocument, today: string): PolicyScope {
  const exclusions = new Map<readonly string[], Exclusion>()
  const entries = document.entries.map((entry) => new Matcher(entry, exclusions))
  // A set: a file of thousands of entries must not cost thousands squared for each target.
  const inForce = new Set(entries.filter(({ entry }) => !entry.expires || entry.expires.value === null || entry.expires.value >= today))
  // Each subuser's entries, found once: choosing, layering and the warnings all ask, and thousands
  // of globs over thousands of subusers must be matched once, not three times.
  const bySubuser = new Map<string, Matcher[]>()
  const matching = (target: Target): Matcher[] => {
    if (target.kind !== 'subuser') return entries.filter((m) => m.matches(target))
    let found = bySubuser.get(target.username)
    if (!found) {
      const name = new GlobName(target.username)
      found = entries.filter((m) => m.matchesSubuser(name))
      bySubuser.set(target.username, found)
    }
    return found
  }
  return {
    selection: {
      includeParent: entries.some((m) => m.entry.selector.kind === 'parent'),
      allSubusers: entries.some((m) => m.glob !== undefined),
      subusers: literal(entries, 'subuser'),
      accounts: literal(entries, 'account')
    },
    choose: (candidates) => candidates.filter((target) => matching(target).length > 0),
    policyFor: (target) => {
      const found = matching(target)
      const policy = layer(
        document,
        found.filter((m) => inForce.has(m)).map((m) => m.entry)
      )
      const [first] = found
      return first ? { ...policy, selectedBy: originOf(document, first.entry) } : policy
    },
    warnings: (listed) => {
      const matched = new Set(listed?.flatMap((username) => matching({ kind: 'subuser', username })))
      return [
        ...entries.filter((m) => !inForce.has(m)).map((m) => expired(document.file, m.entry)),
        ...(listed ? entries.filter((m) => m.glob && !matched.has(m)) : []).map((m) => unmatched(document.file, m.entry))
      ]
    }
  }
}

/** The names entries give literally, which are read whether or not the account lists them. */
function literal(matchers: readonly Matcher[], kind: 'subuser' | 'account'): string[] {
  return matchers.flatMap(({ entry: { selector }, glob }) => {
    if (kind === 'subuser' && selector.kind === 'subuser' && !glob) return [unescapeGlob(selector.pattern)]
    if (kind === 'account' && selector.kind === 'account') return [selector.id]
    return []
  })
}

class Matcher {
  /** Set when the entry's subuser is a glob: it then selects among the listed subusers. */
  readonly glob?: Glob
  /** The entry's subuser, glob or name, compiled. */
  private readonly subuser?: Glob
  private readonly excluded: Exclusion

  constructor(
    readonly entry: PolicyEntry,
    exclusions: Map<readonly string[], Exclusion>
  ) {
    const { selector } = entry
    if (selector.kind === 'subuser') this.subuser = new Glob(selector.pattern)
    if (selector.kind === 'subuser' && isGlob(selector.pattern)) this.glob = this.subuser
    // A YAML alias hands one list to many entries: compiled, and matched for a name, once.
    const excluded = exclusions.get(entry.exclude) ?? new Exclusion(entry.exclude)
    exclusions.set(entry.exclude, excluded)
    this.excluded = excluded
  }

  matches(target: Target): boolean {
    const { selector } = this.entry
    switch (target.kind) {
      case 'parent':
        return selector.kind === 'parent'
      case 'account':
        return selector.kind === 'account' && selector.id === target.id
      case 'subuser':
        return this.matchesSubuser(new GlobName(target.username))
    }
  }

  matchesSubuser(name: GlobName): boolean {
    return this.subuser !== undefined && !this.excluded.holds(name) && this.subuser.test(name)
  }
}

/** An entry's `exclude`, compiled. */
class Exclusion {
  private readonly globs: Glob[]
  private last?: { name: GlobName; holds: boolean }

  constructor(patterns: readonly string[]) {
    // A pattern given twice is matched once: thousands of `*aaaa…b*` hold a few hundred different ones.
    this.globs = [...new Set(patterns)].map((pattern) => new Glob(pattern))
  }

  /** Remembers the last name: the entries that share this list ask about the same name in turn. */
  holds(name: GlobName): boolean {
    if (this.last?.name !== name) this.last = { name, holds: this.globs.some((glob) => glob.test(name)) }
    return this.last.holds
  }
}

function layer(document: PolicyDocument, entries: readonly PolicyEntry[]): TargetPolicy {
  const desired: DesiredTls = {}
  const origins: Partial<Record<Field, Origin>> = {}
  const apply = (fields: PolicyFields, entry: string, expires?: string) => {
    for (const field of FIELDS) {
      const setting = fields[field]
      if (setting === undefined) continue
      if (setting.value === null) {
        delete desired[field]
        delete origins[field]
        continue
      }
      ;(desired as Record<Field, unknown>)[field] = setting.value
      origins[field] = { file: document.file, line: setting.line, column: setting.column, entry, ...(expires && { expires }) }
    }
  }
  apply(document.default, 'default')
  for (const entry of entries) apply(entry.fields, describeEntry(entry), entry.expires?.value ?? undefined)
  return { desired, origins }
}

function describeEntry(entry: PolicyEntry): string {
  return `line ${entry.line} (${describeSelector(entry.selector)})`
}

function originOf(document: PolicyDocument, entry: PolicyEntry): Origin {
  return { file: document.file, line: entry.line, column: entry.column, entry: describeEntry(entry) }
}

function describeSelector(selector: Selector): string {
  switch (selector.kind) {
    case 'parent':
      return 'parent'
    case 'subuser':
      return `subuser ${selector.pattern}`
    case 'account':
      return `account-id ${selector.id}`
  }
}

/** The name an exception goes by in a warning: the subuser or account it was made for. */
function exceptionName(selector: Selector): string {
  return selector.kind === 'subuser' ? selector.pattern : selector.kind === 'account' ? `account-id ${selector.id}` : 'the parent account'
}

function expired(file: string, entry: PolicyEntry): PolicyProblem {
  const at = entry.expires ?? entry
  return {
    severity: 'warning',
    file,
    line: at.line,
    column: at.column,
    message: `exception for ${exceptionName(entry.selector)} expired on ${entry.expires?.value ?? ''}: it no longer applies, and the target is held to the rest of the policy (${entry.reason ?? ''})`
  }
}

function unmatched(file: string, entry: PolicyEntry): PolicyProblem {
  return {
    severity: 'warning',
    file,
    line: entry.line,
    column: entry.column,
    message: `${describeSelector(entry.selector)} matches no subuser of the account${entry.exclude.length > 0 ? ' once its exclusions are left out' : ''}`
  }
}
