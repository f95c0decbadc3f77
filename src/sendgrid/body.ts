import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib'

/**
 * Every answer is read within a bound, before and after decompression, so an endless body or a
 * compression bomb costs a few megabytes, not the runner. SendGrid's largest answer here, a page
 * of 500 subusers, is about 100 kB.
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024
/** Content codings undone at most, one over another. */
const MAX_CODINGS = 2

/** An answer that cannot be read whatever a retry does: too large, or in an encoding we do not speak. */
export class UnreadableBody extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UnreadableBody'
  }
}

/** A body that was damaged on the way, like a garbled JSON body: worth a retry. */
export class GarbledBody extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'GarbledBody'
  }
}

/** Reads a body as sent (the client asks node-fetch not to decompress), stopping past `limit` bytes. */
export async function readBounded(stream: AsyncIterable<Uint8Array | string> | null, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = []
  let length = 0
  if (!stream) return Buffer.alloc(0)
  for await (const chunk of stream) {
    const bytes = Buffer.from(chunk)
    length += bytes.byteLength
    if (length > limit) throw new UnreadableBody(`the answer was larger than ${mebibytes(limit)}; the action stopped reading it`)
    chunks.push(bytes)
  }
  return Buffer.concat(chunks)
}

/** Undoes the Content-Encoding, last applied first, never producing more than `limit` bytes. */
export function decodeBody(raw: Buffer, contentEncoding: string | null, limit = MAX_BODY_BYTES): string {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity')
  // Real servers apply one coding; a stack of them costs seconds of CPU each that no timeout stops.
  if (codings.length > MAX_CODINGS)
    throw new UnreadableBody(`the answer came in ${codings.length} stacked content encodings; the action reads at most ${MAX_CODINGS}`)
  let body = raw
  for (const coding of codings.reverse()) {
    const options = { maxOutputLength: limit }
    try {
      if (coding === 'gzip' || coding === 'x-gzip') body = gunzipSync(body, options)
      else if (coding === 'br') body = brotliDecompressSync(body, options)
      else if (coding === 'deflate') body = inflateOrRaw(body, options)
      // Not quoted: the header is the server's text, and may be anything.
      else throw new UnreadableBody('the answer came in a content encoding the action does not read (it reads gzip, deflate and br)')
    } catch (error) {
      if (error instanceof UnreadableBody) throw error
      if (isTooLarge(error)) {
        throw new UnreadableBody(`the answer decompressed to more than ${mebibytes(limit)}; the action stopped reading it`)
      }
      throw new GarbledBody(`the answer's ${coding} body could not be decompressed`)
    }
  }
  return body.toString('utf8')
}

/** `deflate` means zlib-wrapped by the standard, raw in some servers' practice: read either. */
function inflateOrRaw(body: Buffer, options: { maxOutputLength: number }): Buffer {
  try {
    return inflateSync(body, options)
  } catch (error) {
    if (isTooLarge(error)) throw error
    return inflateRawSync(body, options)
  }
}

/** zlib's refusal to produce more than `maxOutputLength`, told by its code (a RangeError from another realm in tests). */
function isTooLarge(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE'
}

function mebibytes(bytes: number): string {
  return `${bytes / (1024 * 1024)} MiB`
}
