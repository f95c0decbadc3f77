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
import { Glob, isGlob, unescapeGlob } from './glob.js'
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
  const entries = document.entries.map((entry) => new Matcher(entry))
  // A set: a file of thousands of entries must not cost thousands squared for each target.
  const inForce = new Set(entries.filter(({ entry }) => !entry.expires || entry.expires.value === null || entry.expires.value >= today))
  return {
    selection: {
      includeParent: entries.some((m) => m.entry.selector.kind === 'parent'),
      allSubusers: entries.some((m) => m.glob !== undefined),
      subusers: literal(entries, 'subuser'),
      accounts: literal(entries, 'account')
    },
    choose: (candidates) => candidates.filter((target) => entries.some((m) => m.matches(target))),
    policyFor: (target) => {
      const matching = entries.filter((m) => m.matches(target))
      const policy = layer(
        document,
        matching.filter((m) => inForce.has(m)).map((m) => m.entry)
      )
      const [first] = matching
      return first ? { ...policy, selectedBy: originOf(document, first.entry) } : policy
    },
    warnings: (listed) => [
      ...entries.filter((m) => !inForce.has(m)).map((m) => expired(document.file, m.entry)),
      ...(listed ? entries.filter((m) => m.glob && !listed.some((name) => m.matches({ kind: 'subuser', username: name }))) : []).map((m) =>
        unmatched(document.file, m.entry)
      )
    ]
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
  readonly glob?: Glob
  private readonly excluded: Glob[]

  constructor(readonly entry: PolicyEntry) {
    const { selector } = entry
    if (selector.kind === 'subuser' && isGlob(selector.pattern)) this.glob = new Glob(selector.pattern)
    this.excluded = entry.exclude.map((pattern) => new Glob(pattern))
  }

  matches(target: Target): boolean {
    const { selector } = this.entry
    switch (target.kind) {
      case 'parent':
        return selector.kind === 'parent'
      case 'account':
        return selector.kind === 'account' && selector.id === target.id
      case 'subuser':
        if (selector.kind !== 'subuser') return false
        if (this.excluded.some((pattern) => pattern.test(target.username))) return false
        return this.glob ? this.glob.test(target.username) : unescapeGlob(selector.pattern) === target.username
    }
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
