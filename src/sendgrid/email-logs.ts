import { inspect } from 'node:util'
import { Cancelled } from '../core/clock.js'
import type { Deadline } from '../core/deadline.js'
import type { Log } from '../core/log.js'
import { MIN_SECRET_STRETCH } from '../core/redact.js'
import { PARENT } from '../core/target.js'
import { SendGridError, type SendGridClient } from './client.js'
import { domainOf } from './recipient.js'

export const LOGS_PATH = '/v3/logs'
/** How a message's id, and its own path, are shown and paced: the id is personal data, never logged. */
const ID_LABEL = '{sg_message_id}'
export const MESSAGE_PATH_LABEL = `${LOGS_PATH}/${ID_LABEL}`
/**
 * SendGrid's permission list names read access to email activity so; the Logs API's own scope is
 * not stated in the spec, so a refusal is quoted as SendGrid words it.
 */
export const SCOPE_LOGS = 'email_activity.read'
/** The most messages one search returns (the spec's maximum); there is no paging. */
export const MAX_SEARCH_LIMIT = 1000
/** A message's events, at most, as the spec caps them. */
const MAX_EVENTS = 100
/** A message id longer than this is not SendGrid's. */
const MAX_MESSAGE_ID_LENGTH = 512

/** Whose Email Logs: the key's own account, or one of its subusers by numeric id (never by on-behalf-of). */
export interface LogsContext {
  subuserId?: number
  deadline: Deadline
  log: Log
}

/**
 * A message found by a search, to be read later. Its id is held where nothing else can read it:
 * not logged, not serialised, not shown by `inspect`, so that no report can carry it by mistake.
 */
export class MessageRef {
  readonly #id: string
  /** The id as exactly one segment of the message's path. */
  readonly #segment: string

  private constructor(id: string, segment: string) {
    this.#id = id
    this.#segment = segment
  }

  /**
   * Undefined for an id that cannot be one segment of a path: `.` and `..` come out of
   * `encodeURIComponent` as they went in, and the URL parser collapses them (`/v3/logs/..` is
   * `/v3/`, whose answer would be read as the message's); a lone surrogate cannot be encoded.
   */
  static of(id: string): MessageRef | undefined {
    if (id === '.' || id === '..') return undefined
    try {
      return new MessageRef(id, encodeURIComponent(id))
    } catch {
      return undefined
    }
  }

  static idOf(ref: MessageRef): string {
    return ref.#id
  }

  static segmentOf(ref: MessageRef): string {
    return ref.#segment
  }

  toJSON(): string {
    return '[message]'
  }

  [inspect.custom](): string {
    return 'MessageRef [message]'
  }
}

/** A delivered message, reduced to its recipient's domain the moment it was parsed. */
export interface DeliveredMessage {
  domain: string
  ref: MessageRef
  /** When SendGrid created it, in epoch milliseconds; undefined when the answer does not say. */
  createdMs?: number
}

export interface DeliveredSearch {
  messages: DeliveredMessage[]
  /** Messages whose recipient did not reduce to a domain (an address literal, garbage), or whose id cannot be asked for: not forecast. */
  unreadable: number
  /** Whether the answer held as many entries as asked for: there may be more, unseen. */
  full: boolean
}

/** A span of time the search covers, `(afterMs, untilMs]`, each a whole second: the query language's TIMESTAMP has no finer grain. */
export interface Slice {
  afterMs: number
  untilMs: number
}

/**
 * How the last delivery of a message went: whether TLS was used and whether the recipient's
 * certificate failed. `undefined` from `readDelivery` means no delivered event was recorded.
 */
export interface Delivery {
  tls: boolean
  certError: boolean
}

/** `2026-11-19T00:00:00Z`: the form the query language's TIMESTAMP takes. */
export function queryTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/**
 * One search of the delivered mail of a slice of time, up to `limit` messages (1 to 1000). The
 * answer has no paging and its order is not documented: a full answer is never the whole slice.
 */
export async function searchDelivered(client: SendGridClient, context: LogsContext, slice: Slice, limit: number): Promise<DeliveredSearch> {
  const created = 'sg_message_id_created_at'
  const body = {
    query: `status IN ('delivered') AND ${created} > TIMESTAMP "${queryTimestamp(slice.afterMs)}" AND ${created} <= TIMESTAMP "${queryTimestamp(slice.untilMs)}"`,
    limit,
    ...(context.subuserId !== undefined && { subusers: [String(context.subuserId)] })
  }
  const answer = await client.request('POST', LOGS_PATH, {
    target: PARENT,
    scope: SCOPE_LOGS,
    deadline: context.deadline,
    log: context.log,
    body,
    personal: true
  })
  const messages = (answer as { messages?: unknown } | null)?.messages
  if (typeof answer !== 'object' || answer === null || !Array.isArray(messages)) {
    throw new SendGridError(`POST ${LOGS_PATH}: SendGrid answered with something other than a list of messages`, 200)
  }
  if (messages.length > limit) {
    throw new SendGridError(`POST ${LOGS_PATH}: SendGrid answered with ${messages.length} messages, more than the ${limit} asked for`, 200)
  }
  const search: DeliveredSearch = { messages: [], unreadable: 0, full: messages.length >= limit }
  for (const entry of messages as unknown[]) {
    const { to_email, sg_message_id, status, sg_message_id_created_at: createdAt } = (entry ?? {}) as Record<string, unknown>
    if (typeof to_email !== 'string' || typeof status !== 'string' || !isMessageId(sg_message_id)) {
      // Not quoted: the entry holds addresses and subjects.
      throw new SendGridError(`POST ${LOGS_PATH}: SendGrid listed a message without a recipient, an id and a status`, 200)
    }
    if (status !== 'delivered') continue
    const domain = domainOf(to_email)
    const ref = MessageRef.of(sg_message_id)
    if (domain === undefined || ref === undefined) search.unreadable += 1
    else search.messages.push({ domain, ref, ...optionalTime(createdAt) })
  }
  return search
}

/**
 * The delivery of one message, from its events; undefined when none of them is a delivery. Its id
 * never leaves this function: the request is logged and paced as `/v3/logs/{sg_message_id}`, and
 * any text that would quote it (a log line, an error that names the URL) has it replaced, as `hider` says.
 */
export async function readDelivery(client: SendGridClient, context: LogsContext, ref: MessageRef): Promise<Delivery | undefined> {
  const query = context.subuserId !== undefined ? `?subuser=${context.subuserId}` : ''
  const hide = hider(ref)
  const log: Log = { info: (line) => context.log.info(hide(line)), debug: (line) => context.log.debug(hide(line)) }
  let answer: unknown
  try {
    answer = await client.request('GET', `${LOGS_PATH}/${MessageRef.segmentOf(ref)}${query}`, {
      target: PARENT,
      scope: SCOPE_LOGS,
      deadline: context.deadline,
      log,
      label: `${MESSAGE_PATH_LABEL}${query}`,
      personal: true
    })
  } catch (error) {
    if (error instanceof Cancelled || !(error instanceof Error)) throw error
    const status = error instanceof SendGridError ? error.status : undefined
    throw new SendGridError(hide(error.message), status)
  }
  // An answer about another message is no answer about this one: its delivery is not this one's.
  const about = (answer as { sg_message_id?: unknown } | null)?.sg_message_id
  if (about !== undefined && about !== MessageRef.idOf(ref)) return undefined
  return parseDelivery(answer)
}

/**
 * What replaces a message's id in text about reading it: its path, wherever the path stands, and
 * the id on its own only when it is too long to be an ordinary word by chance. A short id is
 * left where it stands alone: an id `GET` must not turn every GET of an error into a placeholder.
 */
function hider(ref: MessageRef): (text: string) => string {
  const forms = [...new Set([MessageRef.segmentOf(ref), MessageRef.idOf(ref)])].sort((a, b) => b.length - a.length)
  // Up to the end of the segment: what follows it (`?subuser=`, a space) cannot continue it.
  const paths = new RegExp(`${escapeRegExp(LOGS_PATH)}/(?:${forms.map(escapeRegExp).join('|')})(?![\\w.!~*'()%-])`, 'g')
  const alone = forms.filter((form) => form.length >= MIN_SECRET_STRETCH)
  return (text) => alone.reduce((hidden, form) => hidden.split(form).join(ID_LABEL), text.replace(paths, MESSAGE_PATH_LABEL))
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The latest `delivered` event's TLS facts: `tls: 1` only when TLS was used, `cert_err: "1"` when the certificate failed. */
export function parseDelivery(answer: unknown): Delivery | undefined {
  const events = (answer as { events?: unknown } | null)?.events
  if (typeof answer !== 'object' || answer === null || !Array.isArray(events) || events.length > MAX_EVENTS) {
    throw new SendGridError(
      `GET ${MESSAGE_PATH_LABEL}: SendGrid answered with something other than a message with at most ${MAX_EVENTS} events`,
      200
    )
  }
  let latest: { timestamp: number; delivery: Delivery } | undefined
  for (const event of events as unknown[]) {
    const { event: kind, timestamp, tls, cert_err } = (event ?? {}) as Record<string, unknown>
    if (typeof kind !== 'string' || typeof timestamp !== 'number' || !Number.isFinite(timestamp)) {
      throw new SendGridError(`GET ${MESSAGE_PATH_LABEL}: SendGrid listed an event without a name and a timestamp`, 200)
    }
    if (kind !== 'delivered') continue
    const delivery = { tls: flag(tls, 'tls'), certError: flag(cert_err, 'cert_err') }
    if (!latest || timestamp >= latest.timestamp) latest = { timestamp, delivery }
  }
  return latest?.delivery
}

/** `tls` and `cert_err` are present only when set: 1 or "1" (0, "0" and false are read as unset). */
function flag(value: unknown, name: string): boolean {
  if (value === undefined || value === null) return false
  if (value === 1 || value === '1' || value === true) return true
  if (value === 0 || value === '0' || value === false) return false
  throw new SendGridError(`GET ${MESSAGE_PATH_LABEL}: SendGrid answered a delivered event whose ${name} is neither 1 nor absent`, 200)
}

/** The creation time, when it is a date: it only guides how a full slice is split, so a bad one is left out. */
function optionalTime(value: unknown): { createdMs?: number } {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN
  return Number.isFinite(ms) ? { createdMs: ms } : {}
}

function isMessageId(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value.length <= MAX_MESSAGE_ID_LENGTH
}
