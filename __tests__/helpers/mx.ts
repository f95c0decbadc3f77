/** MX records from a table, for tests of the forecast's logic: no network, no resolver of the machine's. */
import type { MxRecord, MxResolver } from '../../src/engine/forecast/mail-servers.js'

/** Each domain's MX hosts (preference in order), a DNS failure by its code, or nothing: no MX, so served at its address. */
export type MxTable = Record<string, string[] | { fail: string }>

export function tableResolver(table: MxTable): MxResolver & { asked: string[] } {
  const asked: string[] = []
  return {
    asked,
    cancel: () => undefined,
    resolveMx: (domain: string): Promise<MxRecord[]> => {
      asked.push(domain)
      const entry = table[domain]
      if (entry === undefined) return Promise.reject(Object.assign(new Error(`queryMx ENODATA ${domain}`), { code: 'ENODATA' }))
      if (!Array.isArray(entry)) return Promise.reject(Object.assign(new Error(`queryMx ${entry.fail} ${domain}`), { code: entry.fail }))
      return Promise.resolve(entry.map((exchange, i) => ({ exchange, priority: 10 * (i + 1) })))
    }
  }
}
