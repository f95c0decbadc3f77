import type { Vocabulary } from '../vocabulary.js'
import type { SettingName } from './names.js'

/** Where settings come from, and how that face names them in an error ("Input 'x'", "--x"). */
export interface SettingSource extends Pick<Vocabulary, 'unset' | 'keyHolder'> {
  /** The raw value, empty when not given. */
  get(name: SettingName): string
  /** One setting, or several that are only wrong together, as the face's user knows them. */
  describe(names: readonly SettingName[]): string
}

/** Bad settings: the message names them as the face does, and nothing has been sent yet. */
export class SettingError extends Error {
  constructor(
    /** The settings at fault, by name (a face may add its own, such as the action's pr-comment). */
    readonly names: readonly string[],
    message: string
  ) {
    super(message)
    this.name = 'SettingError'
  }
}

/** `true` or `false` in any case, undefined when empty; anything else is refused, not guessed. */
export function parseBoolean(value: string, problem: (text: string) => Error): boolean | undefined {
  if (!value) return undefined
  const lower = value.toLowerCase()
  if (lower === 'true') return true
  if (lower === 'false') return false
  throw problem(`must be true or false; got '${value}'`)
}
