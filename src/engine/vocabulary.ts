import type { SettingName } from './settings/names.js'

/**
 * How a face names its settings in advice: the action says `region: eu`, the CLI `--region eu`.
 * The engine words the advice; the face that owns the setting lends the names.
 */
export interface Vocabulary {
  /** A setting by its name as the user writes it: `min-version`, `--min-version`. */
  name(setting: SettingName): string
  /** A setting with a value, as the user would write it: `region: eu`, `--region eu`. */
  assign(setting: SettingName, value: string): string
  /**
   * A setting not given, as its face says it after "must be" and "are all": an input is left
   * `empty`, a flag `left out` (a flag given empty, `--x=`, would be given, and refused).
   */
  unset: string
  /** Where the user keeps the key, for advice about it: the action's `the secret`, the CLI's variable or file. */
  keyHolder: string
}
