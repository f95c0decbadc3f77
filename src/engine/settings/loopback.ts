import { isIPv4 } from 'node:net'

/**
 * Only literal loopback addresses: a name such as 127.attacker.example resolves wherever its
 * owner wants. The URL parser has already turned 127.1 or 2130706433 into dotted form.
 */
export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || (isIPv4(hostname) && hostname.startsWith('127.'))
}
