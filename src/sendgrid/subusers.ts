import type { Deadline } from '../deadline.js'
import type { Log } from '../log.js'
import { PARENT } from '../target.js'
import { SendGridError, type SendGridClient } from './client.js'

export const SUBUSERS_PATH = '/v3/subusers'
export const SCOPE_SUBUSERS = 'subusers.read'
/** SendGrid's largest page; a parent with more subusers takes several. */
export const SUBUSER_PAGE_SIZE = 500

/** Every subuser's username, page by page until a page comes back short. */
export async function listSubusernames(client: SendGridClient, deadline: Deadline, log: Log): Promise<string[]> {
  const names: string[] = []
  for (let offset = 0; ; offset += SUBUSER_PAGE_SIZE) {
    const path = `${SUBUSERS_PATH}?limit=${SUBUSER_PAGE_SIZE}&offset=${offset}`
    const page = await client.request('GET', path, { target: PARENT, scope: SCOPE_SUBUSERS, deadline, log })
    if (!Array.isArray(page)) throw new SendGridError(`GET ${path}: SendGrid answered with something other than a list of subusers`)
    for (const subuser of page as { username?: unknown }[]) {
      if (typeof subuser?.username === 'string' && subuser.username !== '') names.push(subuser.username)
    }
    if (page.length < SUBUSER_PAGE_SIZE) return names
  }
}

/** Whether the key's account has a subuser of this name: one filtered GET, no paging. */
export async function subuserExists(client: SendGridClient, username: string, deadline: Deadline, log: Log): Promise<boolean> {
  const path = `${SUBUSERS_PATH}?username=${encodeURIComponent(username)}`
  const found = await client.request('GET', path, { target: PARENT, scope: SCOPE_SUBUSERS, deadline, log })
  return Array.isArray(found) && (found as { username?: unknown }[]).some((subuser) => subuser?.username === username)
}
