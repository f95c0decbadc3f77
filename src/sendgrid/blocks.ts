import { SendGridError, type SendGridClient } from './client.js'
import type { TargetContext } from './enforced-tls.js'
import { domainOf } from './recipient.js'

export const BLOCKS_PATH = '/v3/suppression/blocks'
export const SCOPE_BLOCKS = 'suppression.blocks.read'
/** The page asked for; a shorter page does not prove the end, only an empty one does. */
export const BLOCK_PAGE_SIZE = 500
/** Pages read at most: 10,000 blocks in a window is an outage, not a count to refine. */
export const MAX_BLOCK_PAGES = 20

/** Blocks whose reason is about TLS or a certificate, by recipient domain. */
export interface BlockCount {
  domain: string
  count: number
}

/**
 * The blocks created in a window whose reason mentions TLS or a certificate (SendGrid's policy
 * block says "TLS required but not supported"), counted by recipient domain. Other blocks (DNS, a
 * refused connection) are not the policy's doing and are not counted. Addresses are reduced to
 * their domain as each entry is read; reasons are not kept.
 */
export async function countTlsBlocks(
  client: SendGridClient,
  context: TargetContext,
  startMs: number,
  endMs: number
): Promise<BlockCount[]> {
  const counts = new Map<string, number>()
  const window = `start_time=${Math.floor(startMs / 1000)}&end_time=${Math.floor(endMs / 1000)}`
  for (let page = 0, offset = 0; ; page++) {
    if (page >= MAX_BLOCK_PAGES) {
      throw new SendGridError(
        `GET ${BLOCKS_PATH}: more than ${MAX_BLOCK_PAGES * BLOCK_PAGE_SIZE} blocks in the window; they were not counted`
      )
    }
    const path = `${BLOCKS_PATH}?${window}&limit=${BLOCK_PAGE_SIZE}&offset=${offset}`
    const entries = await client.request('GET', path, { ...context, scope: SCOPE_BLOCKS, personal: true })
    if (!Array.isArray(entries))
      throw new SendGridError(`GET ${BLOCKS_PATH}: SendGrid answered with something other than a list of blocks`, 200)
    if (entries.length === 0) break
    for (const entry of entries as unknown[]) {
      const { email, reason, created } = (entry ?? {}) as Record<string, unknown>
      if (typeof email !== 'string' || typeof reason !== 'string' || typeof created !== 'number') {
        // Not quoted: an entry holds an address.
        throw new SendGridError(`GET ${BLOCKS_PATH}: SendGrid listed a block without an address, a reason and a time`, 200)
      }
      const domain = domainOf(email)
      if (domain !== undefined && isAboutTls(reason)) counts.set(domain, (counts.get(domain) ?? 0) + 1)
    }
    offset += entries.length
  }
  return [...counts].map(([domain, count]) => ({ domain, count })).sort((a, b) => b.count - a.count || a.domain.localeCompare(b.domain))
}

/** A reason that names TLS or a certificate; other blocks are not about the policy. */
export function isAboutTls(reason: string): boolean {
  return /\b(tls|ssl|starttls)\b|certificate/i.test(reason)
}
