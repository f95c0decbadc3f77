/**
 * A policy file's text -> a checked `PolicyDocument`, every value with the line and column it was
 * written at. All problems are found at once, each at its place, before anything is sent: a
 * reviewer fixes a file in one pass, not one error per run.
 */
import type { ErrorObject, ValidateFunction } from 'ajv'
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml'
import type { Field, TlsVersion } from '../../core/tls-setting.js'
import { PolicyError, type PolicyProblem, type Position } from './problems.js'
import { describeSchemaError, formatOf, repeatedKeyMessage, syntaxMessage } from './messages.js'
import { FIELD_KEYS, POLICY_VERSION } from './schema.js'
import validatePolicy from './validator.generated.js'
import { messageOf } from '../../core/errors.js'

/** A wanted value and where it was written; `null` is written on purpose: leave the field unmanaged. */
export interface Setting<T> extends Position {
  value: T | null
}

/** The fields an entry or the default sets, in SendGrid's names. */
export type PolicyFields = { [F in Field]?: Setting<F extends 'version' ? TlsVersion : boolean> }

export type Selector = { kind: 'parent' } | { kind: 'subuser'; pattern: string } | { kind: 'account'; id: string }

export interface PolicyEntry extends Position {
  selector: Selector
  /** Subuser names or globs this entry does not match. */
  exclude: string[]
  fields: PolicyFields
  reason?: string
  /** The last day the entry applies, `YYYY-MM-DD` (UTC). */
  expires?: Setting<string>
}

export interface PolicyDocument {
  /** As annotations name it: relative to the workspace. */
  file: string
  default: PolicyFields
  /** Where `default:` is written, for a target held only to it. */
  defaultAt?: Position
  entries: PolicyEntry[]
}

/** Problems listed at most: past this, a file is not a policy with mistakes but something else. */
const MAX_PROBLEMS = 50

export function parsePolicy(text: string, file: string): PolicyDocument {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, version: '1.2' })
  // The parser places an error at the end of the text past its last line: GitHub would not show an
  // annotation on a line the file does not have.
  const lines = Math.max(1, text.split('\n').length - (text.endsWith('\n') ? 1 : 0))
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset)
    return line > lines ? { line: lines, column: 1 } : { line, column: col }
  }
  const problems: PolicyProblem[] = []
  const problem = (position: Position, message: string) => problems.push({ severity: 'error', file, ...position, message })
  const format = formatOf(file)

  for (const error of document.errors) problem(at(error.pos[0]), syntaxMessage(format, error.message))
  // A %YAML 1.1 directive would make yes, no, on and off booleans again: the file is YAML 1.2.
  const directive = document.directives?.yaml
  if (directive?.explicit && directive.version !== '1.2') {
    problem({ line: 1, column: 1 }, `a %YAML ${directive.version} directive: a policy file is read as YAML 1.2; remove the directive`)
  }
  // The parser's own check of repeated keys takes time that grows with the square of a mapping's
  // size: a megabyte of keys took minutes. This one is linear.
  for (const repeated of repeatedKeys(document)) problem(at(repeated), repeatedKeyMessage(format))
  if (problems.length > 0) throw new PolicyError(file, sorted(problems))
  let data: unknown
  try {
    data = document.toJS({ maxAliasCount: 100 })
  } catch (error) {
    // An alias to nothing, or so many that they would multiply the data: the parser says which.
    const message = messageOf(error)
    const offset = aliasAtFault(document)
    const position = offset === undefined ? { line: 1, column: 1 } : at(offset)
    throw new PolicyError(file, [{ severity: 'error', file, ...position, message: syntaxMessage(format, message) }])
  }
  if (data === null || data === undefined) {
    throw new PolicyError(file, [
      { severity: 'error', file, line: 1, column: 1, message: `is empty: a policy file starts with version: ${POLICY_VERSION}` }
    ])
  }
  const locate = new Locator(document, at)
  // An unknown version is another format: its other keys cannot be judged by this one's rules.
  const version = typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>)['version'] : undefined
  if (version !== undefined && version !== POLICY_VERSION) {
    problem(
      locate.value(['version']),
      `unknown version ${JSON.stringify(version)}: this release reads version ${POLICY_VERSION}; a newer format needs a newer release of the action`
    )
    throw new PolicyError(file, problems)
  }
  // Placed and worded: only as many as are shown (a file of a hundred thousand unknown keys has as
  // many errors, and placing each one scans its mapping).
  for (const error of validate(data).slice(0, 4 * MAX_PROBLEMS)) problem(locate.error(error), describeSchemaError(error, format))
  // Beside the schema's problems, not after them: every problem comes in one pass.
  checkDates(data, locate, problem)
  if (problems.length > 0) throw new PolicyError(file, sorted(problems))
  return build(data as RawPolicy, file, locate)
}

/** In the order a reader meets them in the file, not the parser's or the schema's; as many as are shown. */
function sorted(problems: PolicyProblem[]): PolicyProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column).slice(0, MAX_PROBLEMS)
}

/** Where the alias to nothing is, or else the first alias: the parser's error about aliases says neither. */
function aliasAtFault(document: Document): number | undefined {
  let first: number | undefined
  let unresolved: number | undefined
  visit(document, {
    Alias(_, alias) {
      first ??= alias.range?.[0]
      if (unresolved === undefined && alias.resolve(document) === undefined) unresolved = alias.range?.[0]
    }
  })
  return unresolved ?? first
}

/** Where each key that repeats an earlier one of the same mapping starts. */
function repeatedKeys(document: Document): number[] {
  const offsets: number[] = []
  visit(document, {
    Map(_, map) {
      const seen = new Set<unknown>()
      for (const { key } of map.items) {
        const name = isScalar(key) ? key.value : key
        if (seen.has(name) && isScalar(key) && key.range) offsets.push(key.range[0])
        seen.add(name)
      }
    }
  })
  return offsets
}

/** Compiled at build time (`npm run docs`), so a run pays for checking a file, not for compiling its schema. */
const validator = validatePolicy as unknown as ValidateFunction

/** Every schema error at once. */
function validate(data: unknown): ErrorObject[] {
  validator(data)
  const errors = validator.errors ?? []
  // A oneOf that fails is one problem, not one per branch: its branches' own errors are noise.
  return errors.filter((error) => !/\/oneOf\/\d+\//.test(error.schemaPath))
}

/** The file's data once the schema holds. */
interface RawPolicy {
  version: number
  default?: RawFields
  targets?: RawEntry[]
}
type RawFields = Partial<Record<'require-tls' | 'require-valid-cert', boolean | null>> & { 'min-version'?: string | number | null }
type RawEntry = RawFields & {
  parent?: true
  subuser?: string
  'account-id'?: string | number
  exclude?: string[]
  reason?: string
  expires?: string
}

/** The schema checks the shape of a date; the calendar checks the day. */
function checkDates(data: unknown, locate: Locator, problem: (position: Position, message: string) => void): void {
  const targets = (data as { targets?: unknown }).targets
  if (!Array.isArray(targets)) return
  targets.forEach((entry: unknown, index) => {
    const expires = (entry as { expires?: unknown } | null)?.expires
    // One that is not even shaped like a date is the schema's to report.
    if (typeof expires === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(expires) && !isRealDate(expires)) {
      problem(locate.value(['targets', index, 'expires']), `targets[${index}].expires is ${expires}, which is not a day of the calendar`)
    }
  })
}

function isRealDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text
}

function build(data: RawPolicy, file: string, locate: Locator): PolicyDocument {
  const fieldsOf = (raw: RawFields | undefined, path: (string | number)[]): PolicyFields => {
    const fields: PolicyFields = {}
    if (!raw) return fields
    for (const [field, key] of Object.entries(FIELD_KEYS) as [Field, keyof RawFields][]) {
      const value = raw[key]
      if (value === undefined) continue
      const position = locate.key([...path, key])
      if (field === 'version') fields.version = { ...position, value: value === null ? null : (Number(value) as TlsVersion) }
      else fields[field] = { ...position, value: value as boolean | null }
    }
    return fields
  }
  const entries = (data.targets ?? []).map((raw, index): PolicyEntry => {
    const path = ['targets', index]
    const selector: Selector =
      raw.parent === true
        ? { kind: 'parent' }
        : raw.subuser !== undefined
          ? { kind: 'subuser', pattern: raw.subuser }
          : { kind: 'account', id: String(raw['account-id']) }
    const entry: PolicyEntry = { ...locate.value(path), selector, exclude: raw.exclude ?? [], fields: fieldsOf(raw, path) }
    if (raw.reason !== undefined) entry.reason = raw.reason
    if (raw.expires !== undefined) entry.expires = { ...locate.value([...path, 'expires']), value: raw.expires }
    return entry
  })
  const document: PolicyDocument = { file, default: fieldsOf(data.default, ['default']), entries }
  if (data.default) document.defaultAt = locate.key(['default'])
  return document
}

/** Finds where a value, or its key, is written. */
class Locator {
  constructor(
    private readonly document: Document,
    private readonly at: (offset: number) => Position
  ) {}

  value(path: readonly (string | number)[]): Position {
    return this.position(this.document.getIn(path, true) as Node | undefined) ?? this.value(path.slice(0, -1))
  }

  /** The key of a mapping's entry: the line a reader looks for. */
  key(path: readonly (string | number)[]): Position {
    const parent = this.document.getIn(path.slice(0, -1), true)
    const name = path.at(-1)
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === name)
      const found = this.position(pair?.key as Node | undefined)
      if (found) return found
    }
    return this.value(path)
  }

  error(error: ErrorObject): Position {
    const path = error.instancePath
      .split('/')
      .slice(1)
      .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment))
    const extra = error.params as { additionalProperty?: string }
    if (error.keyword === 'additionalProperties' && extra.additionalProperty !== undefined)
      return this.key([...path, extra.additionalProperty])
    return path.length === 0 ? { line: 1, column: 1 } : this.value(path)
  }

  private position(node: Node | undefined): Position | undefined {
    const offset = node?.range?.[0]
    return offset === undefined ? undefined : this.at(offset)
  }
}
