/**
 * The engine's settings seen from the command line: the only place the CLI reads its world (the
 * parsed flags, the environment, the key file). The values go through the engine's own
 * validators, so a flag is refused with the same words as the action's input.
 */
import { stat } from 'node:fs/promises'
import { readSmallFileOrPipe, UnreadableFile } from '../core/file.js'
import { protect } from '../core/guard.js'
import { readSettings, type Settings } from '../engine/settings/settings.js'
import type { Vocabulary } from '../engine/vocabulary.js'
import { type Proxy } from '../sendgrid/proxy.js'
import { Flag, PROGRAM, type CommandLine } from './args.js'
import type { Mode } from '../engine/mode.js'
import { SettingName } from '../engine/settings/names.js'
import { SettingError } from '../engine/settings/source.js'
import { proxyFor } from '../engine/settings/proxy.js'

export const KEY_VARIABLE = 'SENDGRID_API_KEY'

export type Environment = Readonly<Record<string, string | undefined>>

export interface CliSettings extends Settings {
  proxy?: Proxy
  /** What the user should hear before the run, as `warning:` lines: a key file others can read. */
  warnings: string[]
}

/** Settings named as a user types them: `--min-version`, `--a, --b and --c`. */
export function describeFlags(names: readonly SettingName[]): string {
  const named = names.map(flagName)
  return named.length === 1 ? (named[0] ?? '') : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`
}

function flagName(name: SettingName): string {
  if (name === SettingName.ApiKey) return `${KEY_VARIABLE} (or --${Flag.ApiKeyFile})`
  if (name === SettingName.Mode) return 'the command'
  return `--${name}`
}

/** The engine words its advice with these: `--region eu`, a mode as the command that runs it, a flag not given as left out. */
export const CLI_VOCABULARY: Vocabulary = {
  name: flagName,
  assign: (setting, value) => (setting === SettingName.Mode ? `${PROGRAM} ${value}` : `--${setting} ${value}`),
  unset: 'left out',
  keyHolder: `${KEY_VARIABLE} (or the file given to --${Flag.ApiKeyFile})`
}

/** `signal` cancels the wait for a key from a pipe nobody has written to yet. */
export async function readCliSettings(line: CommandLine & { command: Mode }, env: Environment, signal?: AbortSignal): Promise<CliSettings> {
  // Guarded before anything else is read, so no later line or error can show it.
  const apiKey = await readKey(line.apiKeyFile, env, signal)
  protect(apiKey)
  const exposed = line.apiKeyFile === undefined ? undefined : await keyFileExposure(line.apiKeyFile)
  const settings = readSettings({
    get: (name) => (name === SettingName.ApiKey ? apiKey : name === SettingName.Mode ? line.command : (line.settings.get(name) ?? '')),
    ...CLI_VOCABULARY,
    describe: describeFlags
  })
  return { ...settings, proxy: proxyFor(settings.baseUrl, env), warnings: exposed ? [exposed] : [] }
}

/** A key file holds one key of 69 characters: anything past this is not a key file. */
const MAX_KEY_FILE_BYTES = 4096

/**
 * The key file wins over the environment: a flag given on this command line is the nearer choice.
 * It may be a pipe (`--api-key-file /dev/stdin`), so the key need not sit on disk. The path is not
 * echoed: a key pasted there is a path.
 */
async function readKey(path: string | undefined, env: Environment, signal: AbortSignal | undefined): Promise<string> {
  if (path === undefined) return env[KEY_VARIABLE] ?? ''
  const refuse = (why: string) => new SettingError([Flag.ApiKeyFile], `The file given to --${Flag.ApiKeyFile} ${why}`)
  let key: string
  try {
    key = (await readSmallFileOrPipe(path, MAX_KEY_FILE_BYTES, 'one key', signal)).trim()
  } catch (error) {
    throw error instanceof UnreadableFile ? refuse(error.message) : error
  }
  if (!key) throw refuse('is empty: it should hold the API key')
  return key
}

/** Permission bits of the group and of others: any of them set, and someone besides the owner may reach the key. */
const SHARED_BITS = 0o077

/**
 * Why a key file is open to more than its owner, as ssh warns of a private key: the run goes on,
 * since the key was read already and the user may have reasons. Only a regular file has
 * permissions that mean this; a pipe, a FIFO or a device is somebody else's to guard. Windows
 * keeps its permissions elsewhere, and node reports them as 0666 whatever they are.
 */
async function keyFileExposure(path: string): Promise<string | undefined> {
  if (process.platform === 'win32') return undefined
  const stats = await stat(path).catch(() => undefined)
  if (!stats?.isFile() || (stats.mode & SHARED_BITS) === 0) return undefined
  const mode = (stats.mode & 0o777).toString(8).padStart(4, '0')
  return `the file given to --${Flag.ApiKeyFile} is open to others than its owner (permissions ${mode}): chmod 600 it, as ssh asks of a private key`
}
