import type { DesiredTls, Field } from '../core/tls-setting.js'

/**
 * Where a wanted value was written: the line of a policy file that set the field, so an
 * annotation about that field lands on that line of a pull request's diff.
 */
export interface Origin {
  /** The policy file, relative to the workspace, as an annotation names it. */
  file: string
  line: number
  column: number
  /** `default`, or the entry that set it as a reader finds it: `line 12 (subuser legacy-billing)`. */
  entry: string
  /** The last day an exception applies, when the entry that set the field is one. */
  expires?: string
}

/** What one target must enforce, and, from a policy file, where each field's value came from. */
export interface TargetPolicy {
  desired: DesiredTls
  origins?: Partial<Record<Field, Origin>>
  /** The first entry of a policy file that names the target: where a failure that is no field's is shown. */
  selectedBy?: Origin
}
