import type { Deadline } from '../core/deadline.js'
import type { Log } from '../core/log.js'
import { isUsername, MAX_USERNAME_LENGTH, PARENT } from '../core/target.js'
import { SendGridError, type SendGridClient } from './client.js'

export const SUBUSERS_PATH = '/v3/subusers'
export const SCOPE_SUBUSERS = 'subusers.read'
/** The page asked for: the spec's largest. SendGrid may serve fewer; a short page does not prove the end. */
export const SUBUSER_PAGE_SIZE = 500
/**
 * Subusers listed at most. Far above a real fleet, low enough that a server that invents names
 * forever stops the run in seconds, with a message, instead of filling the runner's memory.
 */
export const MAX_SUBUSERS = 20_000

export interface Subuser {
  username: string
  /** SendGrid's numeric id, by which a parent key reads a subuser's Email Logs. */
  id?: number
  /** `global` or `eu`: where the subuser is pinned. */
  region?: string
}

export interface SubuserListing {
  subusers: Subuser[]
  /** Names listed that are not usernames (`isUsername`): sent as on-behalf-of, they could reach another account. Never acted on. */
  unusable: string[]
}

/**
 * Every subuser, with its region, page after page until an empty page. Each page starts where the
 * names received so far end, so a server that serves fewer than asked loses none. A page with
 * nothing new means the server ignores the offset: the listing cannot be trusted, and the run says so.
 */
export async function listSubusers(client: SendGridClient, deadline: Deadline, log: Log): Promise<SubuserListing> {
  const seen = new Map<string, Subuser>()
  const unusable = new Set<string>()
  for (let offset = 0; ;) {
    const path = `${SUBUSERS_PATH}?limit=${SUBUSER_PAGE_SIZE}&offset=${offset}&include_region=true`
    const page = await client.request('GET', path, { target: PARENT, scope: SCOPE_SUBUSERS, deadline, log })
    if (!Array.isArray(page)) throw new SendGridError(`GET ${path}: SendGrid answered with something other than a list of subusers`)
    if (page.length === 0) return { subusers: [...seen.values()], unusable: [...unusable] }
    let fresh = 0
    for (const entry of page as unknown[]) {
      const subuser = readSubuser(entry)
      if (subuser === undefined) {
        // An entry that names no subuser could hide one: the listing is not what the API documents.
        throw new SendGridError(
          `GET ${path}: SendGrid listed an entry that is not a subuser with a username; the listing cannot be trusted, so no target was read`
        )
      }
      if (!isUsername(subuser.username)) {
        // Kept short: a name is shown in the log and the summary, and a server may send megabytes of one.
        const shown = subuser.username.length > MAX_USERNAME_LENGTH ? `${subuser.username.slice(0, 64)}…` : subuser.username
        if (!unusable.has(shown)) fresh += 1
        unusable.add(shown)
      } else if (!seen.has(subuser.username)) {
        fresh += 1
        seen.set(subuser.username, subuser)
      }
    }
    if (fresh === 0) {
      throw new SendGridError(
        `GET ${path}: SendGrid answered a page of ${page.length} subusers already listed, as if it ignored the offset; ` +
          'the listing cannot be trusted to be complete, so no target was read: name the subusers in `subuser` instead of *'
      )
    }
    if (seen.size + unusable.size > MAX_SUBUSERS) {
      throw new SendGridError(
        `GET ${SUBUSERS_PATH}: the listing passed ${MAX_SUBUSERS} subusers, more than this action handles in one run; no target was read`
      )
    }
    offset += page.length
  }
}

/** The key's account's subuser of this name, with its region, or null when there is none. */
export async function findSubuser(client: SendGridClient, username: string, deadline: Deadline, log: Log): Promise<Subuser | null> {
  const path = `${SUBUSERS_PATH}?username=${encodeURIComponent(username)}&include_region=true`
  const found = await client.request('GET', path, { target: PARENT, scope: SCOPE_SUBUSERS, deadline, log })
  const match = Array.isArray(found) ? (found as unknown[]).map(readSubuser).find((s) => s?.username === username) : undefined
  return match ?? null
}

function readSubuser(entry: unknown): Subuser | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined
  const { username, region, id } = entry as { username?: unknown; region?: unknown; id?: unknown }
  if (typeof username !== 'string' || username === '') return undefined
  // An id of another shape is not SendGrid's: the entry cannot be trusted.
  if (id !== undefined && !(typeof id === 'number' && Number.isSafeInteger(id) && id > 0)) return undefined
  return { username, region: typeof region === 'string' ? region : undefined, ...(id !== undefined && { id }) }
}
