import { lstat, realpath } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { readSmallFile, UnreadableFile } from '../../core/file.js'
import { safeLine } from '../../core/guard.js'
import { parsePolicy, type PolicyDocument } from './parse.js'

/** A policy for thousands of targets is far below this; past it, the file is something else. */
export const MAX_POLICY_BYTES = 1024 * 1024

/** Where a relative path is taken from, how the face names that place, and whether a path may leave it. */
export interface PolicyPlace {
  /** The action's workspace; the CLI's working directory. */
  dir: string
  name: string
  /**
   * The action reads only inside its workspace: a path that leaves it (`../`, an absolute path
   * elsewhere, a symbolic link out) would let whoever controls the workflow's inputs point it at
   * any file on the runner. The CLI reads where its user points, as any command does.
   */
  confined: boolean
}

/** Reads the policy file the user named. `refuse` words a problem as the face names the setting. */
export async function loadPolicy(path: string, place: PolicyPlace, refuse: (why: string) => Error): Promise<PolicyDocument> {
  const workspace = place.dir
  const named = resolve(workspace, path)
  // Only a refusal shows the path: guarding it is left to one, off the path every run takes.
  const shown = () => safeLine(path)
  let real: string
  let root: string
  try {
    root = await realpath(workspace)
    real = await realpath(named)
  } catch {
    throw refuse(`names ${shown()}, which does not exist in ${place.name} (${safeLine(workspace)})`)
  }
  if (place.confined && real === root) throw refuse(`names ${shown()}, which is ${place.name}, not a file in it`)
  if (place.confined && !inside(root, real)) {
    const how = (await lstat(named)).isSymbolicLink() ? 'leads, through a symbolic link,' : 'is'
    throw refuse(`names ${shown()}, which ${how} outside ${place.name} (${safeLine(workspace)}): keep the policy file in it`)
  }
  let text: string
  try {
    text = await readSmallFile(real, MAX_POLICY_BYTES, 'a policy')
  } catch (error) {
    throw error instanceof UnreadableFile ? refuse(`names ${shown()}, which ${error.message}`) : error
  }
  // Annotations name a file relative to the repository's root, with forward slashes.
  const file = relative(workspace, named).split(sep).join('/')
  return parsePolicy(text.replace(/^\uFEFF/, ''), file)
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
}
