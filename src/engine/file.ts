import { constants } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'

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
