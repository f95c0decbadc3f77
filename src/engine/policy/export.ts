/**
 * Import for a team adopting the action: a policy file that holds every target read to what it
 * has today, so the first reviewed file is a true picture, not a guess. Read back, it verifies
 * as compliant; from there, pull requests move it.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { neutralise, safe } from '../../core/guard.js'
import { PRODUCT_NAME, PRODUCT_VERSION } from '../../core/product.js'
import type { Outcome } from '../reconcile.js'
import type { Settings } from '../settings/settings.js'
import { SettingName } from '../settings/names.js'
import type { Vocabulary } from '../vocabulary.js'
import { describeTarget, isUsername, type Target, type TargetSelection } from '../../core/target.js'
import { FIELDS, formatValue, type EnforcedTls, type Field } from '../../core/tls-setting.js'
import { escapeGlob } from './glob.js'
import type { PolicyDocument, Selector } from './parse.js'
import { FIELD_KEYS, POLICY_VERSION, SCHEMA_URL } from './schema.js'

/** Where the exported targets were chosen from: a policy file's entries, or the targets given as settings. */
export type ExportSource = { document: PolicyDocument } | { selection: TargetSelection }

export interface PolicyExport {
  text: string
  /** Targets pinned at today's setting. */
  pinned: number
  /** Targets left out of the file, with a comment that says why: not read, or a name no entry can hold. */
  unpinned: { target: Target; why: string }[]
}

interface Entry {
  selector: Selector
  exclude?: readonly string[]
  fields?: Partial<EnforcedTls>
}

export function exportPolicy(outcomes: readonly Outcome[], source: ExportSource, header: string): PolicyExport {
  const unpinned: PolicyExport['unpinned'] = []
  const read = outcomes.filter((o): o is Outcome & { prior: EnforcedTls } => {
    // A name SendGrid listed that no policy file may hold (a space, a character past Latin-1): never
    // read either, and the name says why better than "not read".
    if (o.target.kind === 'subuser' && !isUsername(o.target.username))
      unpinned.push({ target: o.target, why: 'a name a policy file cannot hold' })
    else if (o.prior === undefined || o.error) unpinned.push({ target: o.target, why: 'not read' })
    else return true
    return false
  })
  const fallback = mostCommon(read.map((o) => o.prior))
  const entries: Entry[] = selectionEntries(source)
  for (const { target, prior } of read) {
    const fields = fallback ? differing(prior, fallback) : prior
    if (Object.keys(fields).length === 0) continue
    const selector = selectorOf(target)
    // A target the selection names by itself carries its own fields; one found by a glob gets an entry.
    const named = entries.find((e) => !e.fields && !e.exclude && sameSelector(e.selector, selector))
    if (named) named.fields = fields
    else entries.push({ selector, fields })
  }

  const lines = [
    `# yaml-language-server: $schema=${SCHEMA_URL}`,
    ...header.split('\n').map((line) => `# ${line}`),
    `version: ${POLICY_VERSION}`
  ]
  if (fallback) lines.push('default:', ...fieldLines(fallback, '  '))
  lines.push('targets:')
  for (const entry of entries) lines.push(...entryLines(entry))
  const after = fallback ? 'it is held to the default above, if it is selected' : 'no entry here holds it'
  for (const { target, why } of unpinned) {
    // Described, not quoted as a name: "parent" would read as a subuser's.
    lines.push(`  # ${neutralise(describeTarget(target))}: ${why}, so not pinned here; ${after}`)
  }
  return { text: `${lines.join('\n')}\n`, pinned: read.length, unpinned }
}

/** The entries that chose the targets, without what they set: the selection survives the export. */
function selectionEntries(source: ExportSource): Entry[] {
  if ('document' in source) {
    const entries: Entry[] = []
    for (const { selector, exclude } of source.document.entries) {
      if (entries.some((e) => sameSelector(e.selector, selector) && sameList(e.exclude ?? [], exclude))) continue
      entries.push(exclude.length > 0 ? { selector, exclude } : { selector })
    }
    return entries
  }
  const { selection } = source
  const nothingNamed = selection.subusers.length === 0 && selection.accounts.length === 0 && !selection.allSubusers
  return [
    ...(selection.includeParent || nothingNamed ? [{ selector: { kind: 'parent' } as const }] : []),
    ...(selection.allSubusers ? [{ selector: { kind: 'subuser', pattern: '*' } as const }] : []),
    ...[...new Set(selection.subusers)].map((name) => ({ selector: { kind: 'subuser', pattern: escapeGlob(name) } as const })),
    ...[...new Set(selection.accounts)].map((id) => ({ selector: { kind: 'account', id } as const }))
  ]
}

function selectorOf(target: Target): Selector {
  switch (target.kind) {
    case 'parent':
      return { kind: 'parent' }
    case 'subuser':
      // A name, never a glob: `prod*` written as it is would hold every subuser it matches.
      return { kind: 'subuser', pattern: escapeGlob(target.username) }
    case 'account':
      return { kind: 'account', id: target.id }
  }
}

function sameSelector(a: Selector, b: Selector): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index])
}

/** The setting most targets have: the default that leaves the fewest entries. Ties go to the first read. */
function mostCommon(settings: readonly EnforcedTls[]): EnforcedTls | undefined {
  const counts = new Map<string, { setting: EnforcedTls; count: number }>()
  for (const setting of settings) {
    const key = FIELDS.map((field) => formatValue(field, setting[field])).join('/')
    const seen = counts.get(key) ?? { setting, count: 0 }
    seen.count += 1
    counts.set(key, seen)
  }
  let best: { setting: EnforcedTls; count: number } | undefined
  for (const candidate of counts.values()) if (!best || candidate.count > best.count) best = candidate
  return best?.setting
}

function differing(setting: EnforcedTls, fallback: EnforcedTls): Partial<EnforcedTls> {
  return Object.fromEntries(FIELDS.filter((field) => setting[field] !== fallback[field]).map((field) => [field, setting[field]]))
}

function entryLines({ selector, exclude, fields }: Entry): string[] {
  const first =
    selector.kind === 'parent'
      ? '  - parent: true'
      : selector.kind === 'subuser'
        ? `  - subuser: ${quote(selector.pattern)}`
        : `  - account-id: ${quote(selector.id)}`
  return [first, ...(exclude ? [`    exclude: [${exclude.map(quote).join(', ')}]`] : []), ...fieldLines(fields ?? {}, '    ')]
}

function fieldLines(fields: Partial<EnforcedTls>, indent: string): string[] {
  return FIELDS.filter((field) => fields[field] !== undefined).map((field: Field) => {
    const value = fields[field] as EnforcedTls[Field]
    return `${indent}${FIELD_KEYS[field]}: ${field === 'version' ? quote(formatValue(field, value)) : String(value)}`
  })
}

/**
 * A double-quoted scalar: JSON's escapes are YAML's, so any name SendGrid lists (quotes,
 * backslashes, `#`, `: `, a leading `*`) reads back as itself and never as YAML syntax.
 */
function quote(text: string): string {
  // JSON leaves bidirectional and invisible marks as they are: escaped, a reviewer sees them.
  return neutralise(JSON.stringify(text))
}

/** Writes an export where a face was told to, a missing folder made: the one writer both faces use. */
export async function writeExportFile(file: string, exported: PolicyExport): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, safe(exported.text))
}

/** The export of a run, as either face writes it: headed with what made it and on which day (the run's clock's). */
export function exportRun(outcomes: readonly Outcome[], settings: Settings, today: string, vocabulary: Vocabulary): PolicyExport {
  const source: ExportSource = settings.policy ? { document: settings.policy } : { selection: settings.selection }
  const header = [
    `Exported by ${PRODUCT_NAME} ${PRODUCT_VERSION} on ${today}: each target's Enforced TLS as it was read, pinned.`,
    `Review it, keep it in the repository, and give it as ${vocabulary.name(SettingName.PolicyFile)}: verify then holds every target to it.`
  ].join('\n')
  return exportPolicy(outcomes, source, header)
}
