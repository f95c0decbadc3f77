import { lstat, realpath } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { readSmallFile, UnreadableFile } from '../file.js'
import { safeLine } from '../guard.js'
import { parsePolicy, type PolicyDocument } from './parse.js'

/** A policy for thousands of targets is far below this; past it, the file is something else. */
export const MAX_POLICY_BYTES = 1024 * 1024

/**
 * Reads the policy file the user named, from inside the workspace only: a path that leaves it
 * (`../`, an absolute path elsewhere, a symbolic link out) would let a pull request point the
 * action at any file on the runner. `refuse` words a problem as the face names the setting.
 */
export async function loadPolicy(
  path: string,
  workspace: string,
  refuse: (why: string) => Error,
  /** How the face names the workspace: the action's checkout, the CLI's working directory. */
  place = 'the workspace'
): Promise<PolicyDocument> {
  const named = resolve(workspace, path)
  const shown = safeLine(path)
  let real: string
  let root: string
  try {
    root = await realpath(workspace)
    real = await realpath(named)
  } catch {
    throw refuse(`names ${shown}, which does not exist in ${place} (${safeLine(workspace)})`)
  }
  if (real === root) throw refuse(`names ${shown}, which is ${place}, not a file in it`)
  if (!inside(root, real)) {
    const how = (await lstat(named)).isSymbolicLink() ? 'leads, through a symbolic link,' : 'is'
    throw refuse(`names ${shown}, which ${how} outside ${place} (${safeLine(workspace)}): keep the policy file in it`)
  }
  let text: string
  try {
    text = await readSmallFile(real, MAX_POLICY_BYTES, 'a policy')
  } catch (error) {
    throw error instanceof UnreadableFile ? refuse(`names ${shown}, which ${error.message}`) : error
  }
  // Annotations name a file relative to the repository's root, with forward slashes.
  const file = relative(workspace, named).split(sep).join('/')
  return parsePolicy(text.replace(/^\uFEFF/, ''), file)
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
}
