/**
 * The Enforced TLS setting of one SendGrid account, in SendGrid's own field names, so that
 * what the action reads, reports and writes is the shape the API documents.
 */
export interface EnforcedTls {
  require_tls: boolean
  require_valid_cert: boolean
  /** Minimum TLS version demanded of the recipient's server: 1.1, 1.2 or 1.3 (read back from a float32). */
  version: number
}

export type Field = keyof EnforcedTls

/** The fields in the order SendGrid documents them; every report lists them in this order. */
export const FIELDS: readonly Field[] = ['require_tls', 'require_valid_cert', 'version']

export const TLS_VERSIONS = [1.1, 1.2, 1.3] as const
export type TlsVersion = (typeof TLS_VERSIONS)[number]

/** An account that never set a minimum version reads back without one; SendGrid applies 1.1. */
export const DEFAULT_VERSION: TlsVersion = 1.1

/** The fields a user manages; a field left out is neither compared nor written. */
export type DesiredTls = Partial<EnforcedTls>

/** A policy that leaves every field unmanaged: a check against it could only pass. */
export function managesNothing(desired: DesiredTls): boolean {
  return FIELDS.every((field) => desired[field] === undefined)
}

export function formatValue(field: Field, value: EnforcedTls[Field]): string {
  return field === 'version' ? (value as number).toFixed(1) : String(value)
}

/** Human names for the summary; the wire name stays beside it so a reader can match the API docs. */
export const FIELD_LABELS: Record<Field, string> = {
  require_tls: 'Require TLS',
  require_valid_cert: 'Require valid certificate',
  version: 'Minimum TLS version'
}
