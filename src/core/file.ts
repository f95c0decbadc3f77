import { constants } from 'node:fs'
import { lstat, open, stat, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'

/** Why a file a setting names could not be read: said in words that fit after "The file …". */
export class UnreadableFile extends Error {
  constructor(why: string) {
    super(why)
    this.name = 'UnreadableFile'
  }
}

/**
 * A small file the user names, read whole. Without blocking and within a bound: a FIFO with no
 * writer, /dev/zero or a huge file is refused at once, and a cancellation still works.
 */
export async function readSmallFile(path: string, maxBytes: number, what: string): Promise<string> {
  let file: FileHandle
  try {
    file = await open(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UnreadableFile(code === 'ENOENT' ? 'does not exist' : `cannot be read${code ? ` (${code})` : ''}`)
  }
  try {
    const stat = await file.stat()
    if (!stat.isFile()) throw new UnreadableFile(`is not a regular file: give the path of a file that holds ${what}`)
    if (stat.size > maxBytes) throw new UnreadableFile(`is ${stat.size} bytes, more than ${what} takes (${maxBytes} at most)`)
    const { buffer, bytesRead } = await file.read(Buffer.alloc(maxBytes + 1), 0, maxBytes + 1, 0)
    if (bytesRead > maxBytes) throw new UnreadableFile(`holds more than ${what} takes (${maxBytes} bytes at most)`)
    return buffer.subarray(0, bytesRead).toString('utf8')
  } finally {
    await file.close()
  }
}

/**
 * Why an export may not write to `path`, checked before any request: it is the policy file the
 * export reads (today's settings written over the reviewed policy would lose every change and
 * exception in it), or it cannot be written. Each face words it for its own setting names.
 */
export async function exportFileProblem(
  path: string,
  policyPath: string | undefined
): Promise<{ kind: 'policy-file' } | { kind: 'unwritable'; why: string } | undefined> {
  if (policyPath && (await sameFile(path, policyPath))) return { kind: 'policy-file' }
  const why = await unwritable(path)
  return why === undefined ? undefined : { kind: 'unwritable', why }
}

/**
 * Why a file the run is asked to write cannot be written, or undefined when it can: checked before
 * any request, so a typo does not cost a whole fleet's reads. Only a regular file is replaced; a
 * symbolic link, a directory or a FIFO (which would block the write forever) is refused.
 */
async function unwritable(path: string): Promise<string | undefined> {
  try {
    const found = await lstat(path)
    if (found.isSymbolicLink()) return 'is a symbolic link: name the file itself'
    return found.isFile() ? undefined : 'is not a regular file'
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      return `cannot be examined (${(error as NodeJS.ErrnoException).code ?? 'error'})`
  }
  try {
    return (await stat(dirname(path))).isDirectory() ? undefined : 'is in a folder that is not a directory'
  } catch {
    return 'is in a folder that does not exist'
  }
}

/**
 * Whether two paths name one file, however they are spelled: through a symbolic link, a linked
 * folder or a hard link. A path that does not exist names no file yet.
 */
async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [first, second] = await Promise.all([stat(a), stat(b)])
    return first.dev === second.dev && first.ino === second.ino
  } catch {
    return false
  }
}
