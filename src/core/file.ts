import { close, constants, createReadStream, fstat, open, read, type Stats } from 'node:fs'
import { lstat, stat } from 'node:fs/promises'
import { Socket } from 'node:net'
import { dirname } from 'node:path'
import { addAbortSignal, type Readable } from 'node:stream'
import { isatty } from 'node:tty'
import { promisify } from 'node:util'

/** Why a file a setting names could not be read: said in words that fit after "The file …". */
export class UnreadableFile extends Error {
  constructor(why: string) {
    super(why)
    this.name = 'UnreadableFile'
  }
}

// Descriptors, not file handles: a pipe's descriptor is handed to the stream that reads it, which
// closes it, and a file handle would close it again.
const openFd = promisify(open)
const fstatFd = promisify(fstat)
const readFd = promisify(read)
const closeFd = promisify(close)

/**
 * A small file the user names, read whole. Without blocking and within a bound: a FIFO with no
 * writer, /dev/zero or a huge file is refused at once, and a cancellation still works.
 */
export async function readSmallFile(path: string, maxBytes: number, what: string): Promise<string> {
  const { fd, stats } = await openWithoutBlocking(path)
  if (stats.isFile()) return readRegular(fd, stats, maxBytes, what)
  await closeFd(fd)
  throw new UnreadableFile(`is not a regular file: give the path of a file that holds ${what}`)
}

/**
 * A small file, or a pipe or device read as it comes, so that a secret need never sit on disk:
 * `/dev/stdin`, `<(pass show sendgrid)`. Reading stops at the bound however much the writer has;
 * a pipe nobody writes to waits, as `cat` would, until `signal` cancels the run. A terminal is
 * refused: a key typed there shows on the screen.
 */
export async function readSmallFileOrPipe(path: string, maxBytes: number, what: string, signal?: AbortSignal): Promise<string> {
  const { fd, stats } = await openWithoutBlocking(path)
  if (stats.isFile()) return readRegular(fd, stats, maxBytes, what)
  let stream: Readable | undefined
  // A pipe goes to the event loop, which waits for its writer without holding a thread; a device
  // other than a terminal (/dev/null, /dev/zero) never makes a read wait.
  if (stats.isFIFO()) stream = new Socket({ fd, readable: true, writable: false })
  else if (stats.isCharacterDevice() && !isatty(fd)) stream = createReadStream(path, { fd, highWaterMark: maxBytes + 1 })
  if (!stream) {
    await closeFd(fd)
    const kind = stats.isDirectory()
      ? 'a directory'
      : stats.isCharacterDevice()
        ? 'a terminal, where a typed key would show on the screen'
        : 'not a file'
    throw new UnreadableFile(`is ${kind}: give a file or a pipe that holds ${what}`)
  }
  return (await readStreamWithin(stream, maxBytes, what, signal)).toString('utf8')
}

async function openWithoutBlocking(path: string): Promise<{ fd: number; stats: Stats }> {
  let fd: number
  try {
    fd = await openFd(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    throw (error as NodeJS.ErrnoException).code === 'ENOENT' ? new UnreadableFile('does not exist') : cannotRead(error)
  }
  try {
    return { fd, stats: await fstatFd(fd) }
  } catch (error) {
    await closeFd(fd)
    throw error
  }
}

/** A regular file, refused by its size before a byte is read; one byte past the bound is read, in case it grew. */
async function readRegular(fd: number, stats: Stats, maxBytes: number, what: string): Promise<string> {
  try {
    if (stats.size > maxBytes) throw new UnreadableFile(`is ${stats.size} bytes, more than ${what} takes (${maxBytes} at most)`)
    const { buffer, bytesRead } = await readFd(fd, Buffer.alloc(maxBytes + 1), 0, maxBytes + 1, 0)
    if (bytesRead > maxBytes) throw tooLong(maxBytes, what)
    return buffer.subarray(0, bytesRead).toString('utf8')
  } finally {
    await closeFd(fd)
  }
}

/** The stream to its end, or refused at the first chunk past the bound; destroyed either way, which closes its descriptor. */
async function readStreamWithin(stream: Readable, maxBytes: number, what: string, signal?: AbortSignal): Promise<Buffer> {
  if (signal) addAbortSignal(signal, stream)
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > maxBytes) throw tooLong(maxBytes, what)
      chunks.push(chunk)
    }
  } catch (error) {
    if (error instanceof UnreadableFile) throw error
    if (signal?.aborted) throw new UnreadableFile('was not read to its end: the run was cancelled')
    throw cannotRead(error)
  } finally {
    stream.destroy()
  }
  return Buffer.concat(chunks)
}

function cannotRead(error: unknown): UnreadableFile {
  const code = (error as NodeJS.ErrnoException).code
  return new UnreadableFile(`cannot be read${code ? ` (${code})` : ''}`)
}

function tooLong(maxBytes: number, what: string): UnreadableFile {
  return new UnreadableFile(`holds more than ${what} takes (${maxBytes} bytes at most)`)
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
