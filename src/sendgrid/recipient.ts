import { domainToASCII } from 'node:url'

/** The longest domain name DNS can carry. */
const MAX_DOMAIN_LENGTH = 253
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/

/**
 * A recipient's address reduced to its domain, the moment it is read: lower-cased, the part after
 * the last `@`, in its ASCII (punycode) form, and a valid host name. Undefined for anything else
 * (an address literal such as `[192.0.2.1]`, a bare name, garbage). Recipient addresses are
 * personal data: the local part is dropped here and never stored, logged or quoted.
 */
export function domainOf(address: string): string | undefined {
  const at = address.lastIndexOf('@')
  if (at < 1 || address.length > 1024) return undefined
  const domain = domainToASCII(
    address
      .slice(at + 1)
      .trim()
      .toLowerCase()
  )
  if (domain === '' || domain.length > MAX_DOMAIN_LENGTH) return undefined
  const labels = domain.replace(/\.$/, '').split('.')
  return labels.length >= 2 && labels.every((label) => LABEL.test(label)) ? labels.join('.') : undefined
}
