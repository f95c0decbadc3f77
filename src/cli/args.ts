/**
 * The command line, parsed: one command, then flags as `--name value` or `--name=value`. Pure: it
 * reads no environment and no file, and checks only the shape; the values are the engine's to judge.
 */
import { closest } from '../core/closest.js'
import { MODES, type Mode } from '../engine/mode.js'
import { SettingName } from '../engine/settings/names.js'

export const PROGRAM = 'sendgrid-enforced-tls'

export const FORMATS = ['text', 'json', 'markdown'] as const
export type Format = (typeof FORMATS)[number]

/**
 * The engine's settings a flag sets: all but the key, which a flag would leave in the shell's
 * history and in every user's view of the process list, and the mode, which is the command.
 */
export const SETTING_FLAGS: readonly SettingName[] = Object.values(SettingName).filter(
  (name) => name !== SettingName.ApiKey && name !== SettingName.Mode
)

/** Settings that read as switches: the flag alone means true. */
const SWITCHES: readonly SettingName[] = [
  SettingName.RequireTls,
  SettingName.RequireValidCert,
  SettingName.IncludeParent,
  SettingName.AllowStricter
]

/** Settings that hold names: given again, the flag adds to the list. */
const LISTS: readonly SettingName[] = [SettingName.Subuser, SettingName.AccountId]

/** The command line's own flags, beside the settings. */
export const Flag = {
  ApiKeyFile: 'api-key-file',
  ExportFile: 'export-file',
  Format: 'format',
  Verbose: 'verbose',
  NoColor: 'no-color',
  Help: 'help',
  Version: 'version'
} as const

/** Every setting by its flag's name, the key and the mode too, so that their flags can be turned away by name. */
const SETTINGS_BY_NAME = new Map<string, SettingName>(Object.values(SettingName).map((name) => [name, name]))
const KNOWN_FLAGS: readonly string[] = [...SETTING_FLAGS, ...Object.values(Flag)]

export interface CommandLine {
  command?: Mode
  /** Each setting's raw text as given; a setting not given is absent. */
  settings: Map<SettingName, string>
  apiKeyFile?: string
  /** Where the export command writes its policy file; stdout without it. */
  exportFile?: string
  format: Format
  verbose: boolean
  /** No colour in the text, as NO_COLOR asks too. */
  noColor: boolean
  help: boolean
  version: boolean
}

/** A command line that cannot be run: the message names what is wrong, and nothing was sent. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export function parseArgs(argv: readonly string[]): CommandLine {
  const line: CommandLine = { settings: new Map(), format: 'text', verbose: false, noColor: false, help: false, version: false }
  let format: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '-h') {
      line.help = true
      continue
    }
    if (/^-[^-]/.test(arg)) throw new UsageError(unknownFlag(arg.slice(1), '-'))
    if (!arg.startsWith('--')) {
      if (line.command !== undefined) throw new UsageError(unexpected(arg, line.command))
      line.command = command(arg)
      continue
    }
    const [, name = '', inline] = /^--([^=]*)(?:=(.*))?$/s.exec(arg) ?? []
    if (!KNOWN_FLAGS.includes(name)) throw new UsageError(unknownFlag(name))
    if (name === Flag.Verbose || name === Flag.Help || name === Flag.Version || name === Flag.NoColor) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`)
      line[name === Flag.NoColor ? 'noColor' : name] = true
      continue
    }
    const setting = SETTINGS_BY_NAME.get(name)
    let value = inline
    const next = argv[i + 1]
    if (value === undefined && takesNext(setting, next)) {
      value = next
      i++
    }
    if (value === undefined) {
      if (!setting || !SWITCHES.includes(setting)) throw new UsageError(`--${name} needs a value (--${name}= for an empty one)`)
      value = 'true'
    }
    if (setting) line.settings.set(setting, add(setting, line.settings.get(setting), value))
    else if (name === Flag.Format) format = once(name, format, value)
    else if (name === Flag.ExportFile) line.exportFile = once(name, line.exportFile, value)
    else line.apiKeyFile = once(name, line.apiKeyFile, value)
  }
  if (format !== undefined) {
    if (!(FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got '${format}'`)
    line.format = format as Format
  }
  return line
}

/**
 * Whether the argument after a flag is its value. A flag is far more likely to be a forgotten
 * value than a value starting with -; and after a switch, a command is the command.
 */
function takesNext(setting: SettingName | undefined, next: string | undefined): next is string {
  if (next === undefined || /^-./.test(next)) return false
  return !(setting && SWITCHES.includes(setting) && (MODES as readonly string[]).includes(next))
}

function once(name: string, earlier: string | undefined, value: string): string {
  if (earlier !== undefined) throw new UsageError(`--${name} is given twice`)
  return value
}

/** A list grows with each flag; any other setting given twice is a contradiction, not a choice. */
function add(name: SettingName, earlier: string | undefined, value: string): string {
  if (earlier === undefined) return value
  if (LISTS.includes(name)) return `${earlier},${value}`
  throw new UsageError(`--${name} is given twice`)
}

function command(arg: string): Mode {
  if ((MODES as readonly string[]).includes(arg)) return arg as Mode
  // Never echo it: the likeliest argument of this shape is a key pasted where it does not belong.
  if (/^SG\./.test(arg)) throw new UsageError(`An API key is never an argument: ${KEY_SOURCES}`)
  const nearest = closest(arg, MODES)
  throw new UsageError(`Unknown command '${arg}'${nearest ? `; did you mean ${nearest}?` : ''} (${PROGRAM} --help lists the commands)`)
}

function unexpected(arg: string, command: Mode): string {
  if (/^SG\./.test(arg)) return `An API key is never an argument: ${KEY_SOURCES}`
  return `Unexpected argument '${arg}' after the command ${command}: give settings as --name value (${PROGRAM} ${command} --help lists them)`
}

/** Where the key may come from, for every message that turns one away. */
export const KEY_SOURCES = 'set the environment variable SENDGRID_API_KEY, or pass --api-key-file <path>'

function unknownFlag(name: string, dashes = '--'): string {
  const setting = SETTINGS_BY_NAME.get(name)
  if (setting === SettingName.ApiKey) {
    return `--${name} is not accepted: a key on the command line stays in the shell's history and shows in the process list; ${KEY_SOURCES}`
  }
  if (setting === SettingName.Mode) return `--${name} is not a flag here: the mode is the command (${PROGRAM} ${MODES.join('|')})`
  const nearest = closest(name, KNOWN_FLAGS)
  return `Unknown flag ${dashes}${name}${nearest ? `; did you mean --${nearest}?` : ''} (${PROGRAM} --help lists the flags)`
}
