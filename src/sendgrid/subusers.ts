import type { Deadline } from '../deadline.js'
import type { Log } from '../log.js'
import { PARENT } from '../target.js'
import { SendGridError, type SendGridClient } from './client.js'

export const SUBUSERS_PATH = '/v3/subusers'
export const SCOPE_SUBUSERS = 'subusers.read'
/** SendGrid's largest page; a parent with more subusers takes several. */
export const SUBUSER_PAGE_SIZE = 500

export interface Subuser {
  username: string
  /** `global` or `eu`: where the subuser is pinned. */
  region?: string
}

/** Every subuser, with its region, page by page until a page comes back short. */
export async function listSubusers(client: SendGridClient, deadline: Deadline, log: Log): Promise<Subuser[]> {
  const subusers: Subuser[] = []
  for (let offset = 0; ; offset += SUBUSER_PAGE_SIZE) {
    const path = `${SUBUSERS_PATH}?limit=${SUBUSER_PAGE_SIZE}&offset=${offset}&include_region=true`
    const page = await client.request('GET', path, { target: PARENT, scope: SCOPE_SUBUSERS, deadline, log })
    if (!Array.isArray(page)) throw new SendGridError(`GET ${path}: SendGrid answered with something other than a list of subusers`)
    for (const { username, region } of page as { username?: unknown; region?: unknown }[]) {
      if (typeof username === 'string' && username !== '')
        subusers.push({ username, region: typeof region === 'string' ? region : undefined })
    }
    if (page.length < SUBUSER_PAGE_SIZE) return subusers
  }
}

/** The key's account's subuser of this name, with its region, or null when there is none. */
export async function findSubuser(client: SendGridClient, username: string, deadline: Deadline, log: Log): Promise<Subuser | null> {
  const path = `${SUBUSERS_PATH}?username=${encodeURIComponent(username)}&include_region=true`
  const found = await client.request('GET', path, { target: PARENT, scope: SCOPE_SUBUSERS, deadline, log })
  const match = Array.isArray(found)
    ? (found as { username?: unknown; region?: unknown }[]).find((s) => s?.username === username)
    : undefined
  return match ? { username, region: typeof match.region === 'string' ? match.region : undefined } : null
}
