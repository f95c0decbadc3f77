/**
 * `npm start -- --world FILE`: the stand-in seeded with a team's own fleet, to rehearse it offline.
 * FILE is either a policy file (an export is enough: its targets become the accounts, with the
 * settings pinned in it) or a world file, YAML or JSON, that can add a week of mail:
 *
 *   parent:
 *     require-tls: false
 *     mail:
 *       customer-mail.example: { messages: 40, delivery: tls, mx: mx1.bigmail.example }
 *       example-partner.com: { messages: 4, delivery: no-tls }
 *   subusers:
 *     marketing: { require-tls: true, min-version: 1.2 }
 *   accounts:
 *     "1234567": { require-tls: true }
 *
 * Every problem is told at once, each as `file:line:column: message`. Not product code.
 */
import { readFile } from 'node:fs/promises'
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml'
import { isUsername } from '../../src/core/target.js'
import { TLS_VERSIONS } from '../../src/core/tls-setting.js'
import { isGlob, unescapeGlob } from '../../src/engine/policy/glob.js'
import { parsePolicy, type PolicyFields } from '../../src/engine/policy/parse.js'
import { PolicyError } from '../../src/engine/policy/problems.js'
import type { DnsZone } from '../dns.js'
import type { SeededDelivery, SeededMessage } from '../mail.js'
import type { StoredSetting } from '../server.js'

export interface DemoWorld {
  parent: StoredSetting
  subusers: Record<string, StoredSetting>
  accounts: Record<string, StoredSetting>
  /** Messages by account, `parent` or a subuser's name, as the stand-in's Email Logs serve them. */
  mail: Record<string, SeededMessage[]>
  /** What the DNS stand-in answers for each recipient domain. */
  zones: Record<string, DnsZone>
  /** What of the file the stand-in could not take, said once before the run. */
  notes: string[]
}

/** A world the demo refuses: every problem, each at its line. */
export class WorldError extends Error {}

export const DELIVERIES: readonly SeededDelivery[] = ['tls', 'no-tls', 'cert-error', 'none']
/** A week of mail at a real sender's scale is about this; past it, the stand-in's searches slow down. */
export const MAX_MESSAGES = 100_000
/** Where a domain without MX hosts is served: its own address, from the documentation range. */
const OWN_ADDRESS = '192.0.2.25'
const SETTING_KEYS = ['require-tls', 'require-valid-cert', 'min-version'] as const
const ACCOUNT_ID = /^[A-Za-z0-9_-]+$/
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i
const HOURS_IN_WEEK = 7 * 24

/** `shown` is the path as the user wrote it, for the messages. */
export async function loadWorld(path: string, shown: string): Promise<DemoWorld> {
  let text: string
  try {
    text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new WorldError(`${shown}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(error)})`}`)
  }
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter, prettyErrors: false })
  const at = (offset: number | undefined) => {
    const { line, col } = lineCounter.linePos(offset ?? 0)
    return `${shown}:${line}:${col}`
  }
  if (document.errors.length > 0) throw new WorldError(document.errors.map((e) => `${at(e.pos[0])}: ${e.message}`).join('\n'))
  const root = document.contents
  if (!isMap(root))
    throw new WorldError(`${at(root?.range?.[0])}: a world is a mapping with parent, subusers and accounts, or a policy file`)
  if (root.has('targets') || root.has('version')) return fromPolicy(text, shown)
  return new WorldReader(at).read(root)
}

/** An exported policy file: each target becomes an account of the stand-in, with what the file pins. */
function fromPolicy(text: string, shown: string): DemoWorld {
  let policy
  try {
    policy = parsePolicy(text, shown)
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error
    throw new WorldError(error.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'))
  }
  const world = emptyWorld()
  for (const entry of policy.entries) {
    const setting = stored({ ...policy.default, ...entry.fields })
    const { selector } = entry
    if (selector.kind === 'parent') world.parent = setting
    else if (selector.kind === 'account') world.accounts[selector.id] = setting
    else if (isGlob(selector.pattern)) {
      world.notes.push(
        `${shown}:${entry.line}: the glob ${selector.pattern} names no subuser of its own: skipped (list each subuser by name)`
      )
    } else world.subusers[unescapeGlob(selector.pattern)] = setting
  }
  return world
}

/** A policy's fields as SendGrid stores them: a field left unmanaged (null or absent) is SendGrid's default. */
function stored(fields: PolicyFields): StoredSetting {
  const version = fields.version?.value
  return {
    require_tls: fields.require_tls?.value ?? false,
    require_valid_cert: fields.require_valid_cert?.value ?? false,
    ...(version != null && { version })
  }
}

function emptyWorld(): DemoWorld {
  return { parent: { require_tls: false, require_valid_cert: false }, subusers: {}, accounts: {}, mail: {}, zones: {}, notes: [] }
}

/** Reads a world file's mapping, collecting every problem at its place. */
class WorldReader {
  private readonly problems: string[] = []
  private readonly world = emptyWorld()
  private readonly mxOf = new Map<string, string[]>()
  private messages = 0

  constructor(private readonly at: (offset: number | undefined) => string) {}

  read(root: YAMLMap): DemoWorld {
    for (const pair of root.items) {
      const key = this.key(pair)
      if (key === 'parent') this.world.parent = this.account(pair.value as Node | null, 'parent', true)
      else if (key === 'subusers' || key === 'accounts') this.group(pair.value as Node | null, key)
      else if (key !== undefined) this.problem(pair.key, `unknown key ${key}: a world has parent, subusers and accounts`)
    }
    if (this.messages > MAX_MESSAGES) this.problem(root, `${this.messages} messages in all, more than the stand-in takes (${MAX_MESSAGES})`)
    if (this.problems.length > 0) throw new WorldError(this.problems.join('\n'))
    for (const [domain, mx] of this.mxOf) {
      this.world.zones[domain] =
        mx.length > 0 ? { mx: mx.map((exchange, i) => ({ exchange, priority: 10 * (i + 1) })) } : { a: [OWN_ADDRESS] }
    }
    return this.world
  }

  private group(node: Node | null, kind: 'subusers' | 'accounts'): void {
    if (node === null) return
    if (!isMap(node)) return this.problem(node, `${kind} is a mapping: ${kind === 'subusers' ? 'username' : 'account ID'} -> its settings`)
    for (const pair of node.items) {
      const name = this.key(pair)
      if (name === undefined) continue
      if (kind === 'subusers' && !isUsername(name))
        this.problem(pair.key, `subuser ${name} is not a SendGrid username (printable, no spaces)`)
      else if (kind === 'accounts' && !ACCOUNT_ID.test(name)) this.problem(pair.key, `account ID ${name} must be letters, digits, - or _`)
      else if (kind === 'subusers') this.world.subusers[name] = this.account(pair.value as Node | null, name, true)
      else this.world.accounts[name] = this.account(pair.value as Node | null, `account-id ${name}`, false)
    }
  }

  /** An account's settings, and its mail where the forecast can read it (not a customer account's). */
  private account(node: Node | null, name: string, mailAllowed: boolean): StoredSetting {
    const setting: StoredSetting = { require_tls: false, require_valid_cert: false }
    if (node === null) return setting
    if (!isMap(node)) {
      this.problem(node, `${name} is a mapping of ${SETTING_KEYS.join(', ')}${mailAllowed ? ' and mail' : ''}`)
      return setting
    }
    for (const pair of node.items) {
      const key = this.key(pair)
      const value = pair.value as Node | null
      if (key === 'require-tls' || key === 'require-valid-cert') {
        const flag = isScalar(value) ? value.value : undefined
        if (typeof flag !== 'boolean') this.problem(value ?? pair.key, `${key} must be true or false`)
        else setting[key === 'require-tls' ? 'require_tls' : 'require_valid_cert'] = flag
      } else if (key === 'min-version') {
        const version = isScalar(value) ? Number(value.value) : NaN
        if (!(TLS_VERSIONS as readonly number[]).includes(version)) this.problem(value ?? pair.key, 'min-version must be 1.1, 1.2 or 1.3')
        else setting.version = version
      } else if (key === 'mail' && mailAllowed) this.mail(value, name)
      else if (key === 'mail')
        this.problem(
          pair.key,
          "a customer account's mail cannot be read (SendGrid's Email Logs do not serve it): give mail to the parent or a subuser"
        )
      else if (key !== undefined)
        this.problem(pair.key, `unknown key ${key}: an account has ${SETTING_KEYS.join(', ')}${mailAllowed ? ' and mail' : ''}`)
    }
    return setting
  }

  /** `domain: { messages, delivery, mx }`, into a week of messages spread evenly over its hours. */
  private mail(node: Node | null, account: string): void {
    if (node === null) return
    if (!isMap(node)) return this.problem(node, 'mail is a mapping: recipient domain -> { messages, delivery, mx }')
    const messages: SeededMessage[] = (this.world.mail[account === 'parent' ? 'parent' : account] ??= [])
    for (const pair of node.items) {
      const domain = this.key(pair)?.toLowerCase()
      if (domain === undefined) continue
      if (!DOMAIN.test(domain)) {
        this.problem(pair.key, `${domain} is not a domain name`)
        continue
      }
      const spec = this.domain(pair.value as Node | null, domain)
      if (!spec) continue
      this.messages += spec.messages
      for (let i = 0; i < Math.min(spec.messages, MAX_MESSAGES); i++) {
        messages.push({
          id: `world-${account}-${domain}-${i}`,
          to: `reader${i}@${domain}`,
          delivery: spec.delivery,
          ageHours: 1 + ((HOURS_IN_WEEK - 2) * i) / spec.messages
        })
      }
    }
  }

  private domain(node: Node | null, domain: string): { messages: number; delivery: SeededDelivery } | undefined {
    if (!isMap(node)) {
      this.problem(node, `${domain} is a mapping: { messages: N, delivery: ${DELIVERIES.join(' | ')}, mx: [hosts] }`)
      return undefined
    }
    let messages: number | undefined
    let delivery: SeededDelivery = 'tls'
    let mx: string[] = []
    for (const pair of node.items) {
      const key = this.key(pair)
      const value = pair.value as Node | null
      const scalar = isScalar(value) ? value.value : undefined
      if (key === 'messages') {
        if (typeof scalar === 'number' && Number.isInteger(scalar) && scalar >= 1) messages = scalar
        else this.problem(value ?? pair.key, 'messages must be a whole number of 1 or more')
      } else if (key === 'delivery') {
        if ((DELIVERIES as readonly unknown[]).includes(scalar)) delivery = scalar as SeededDelivery
        else
          this.problem(
            value ?? pair.key,
            `delivery must be one of ${DELIVERIES.join(', ')}; got ${typeof scalar === 'string' || typeof scalar === 'number' ? scalar : 'no word'}`
          )
      } else if (key === 'mx') {
        const hosts = isSeq(value) ? value.items.map((item) => (isScalar(item) ? item.value : undefined)) : [scalar]
        if (hosts.every((host): host is string => typeof host === 'string' && DOMAIN.test(host))) mx = hosts.map((h) => h.toLowerCase())
        else this.problem(value ?? pair.key, 'mx is a host name, or a list of them, preferred first')
      } else if (key !== undefined) this.problem(pair.key, `unknown key ${key}: a domain has messages, delivery and mx`)
    }
    if (messages === undefined) {
      if (!node.has('messages')) this.problem(node, `${domain} needs messages: how many were delivered to it in the week`)
      return undefined
    }
    const known = this.mxOf.get(domain)
    if (known && known.join() !== mx.join())
      this.problem(node, `${domain} has other mx hosts elsewhere in the file: a domain's servers are the same for every account`)
    else this.mxOf.set(domain, mx)
    return { messages, delivery }
  }

  /** A pair's key as text; a key that is not a plain scalar is a problem, reported here. */
  private key(pair: Pair): string | undefined {
    if (isScalar(pair.key) && (typeof pair.key.value === 'string' || typeof pair.key.value === 'number')) return String(pair.key.value)
    this.problem(pair.key, 'a key must be plain text')
    return undefined
  }

  private problem(node: unknown, message: string): void {
    this.problems.push(`${this.at(isNode(node) ? node.range?.[0] : undefined)}: ${message}`)
  }
}
