/**
 * Keeps the API key out of everything the action writes, whatever a server echoes back: the whole
 * key or any stretch of it long enough to matter, raw or encoded as a server might echo it
 * (JSON `\u0053` escapes, percent-encoding, HTML character references, base64).
 */

/** Shortest stretch of the key that is redacted: long enough never to match ordinary text by chance. */
export const MIN_SECRET_STRETCH = 10

const REDACTED = '***'

/** A text after decoding, with where each of its UTF-16 units stood in the text as written. */
interface Decoded {
  chars: string
  starts: number[]
  ends: number[]
}

export class Redactor {
  /** Every stretch of `stretch` characters of the key, and of its base64 forms. */
  private readonly stretches = new Set<string>()
  private readonly stretch: number

  constructor(secret: string) {
    this.stretch = Math.min(MIN_SECRET_STRETCH, secret.length)
    if (secret === '') return
    for (const form of [secret, ...base64Forms(secret)]) {
      for (let i = 0; i + this.stretch <= form.length; i++) this.stretches.add(form.slice(i, i + this.stretch))
    }
  }

  /** The text with every stretch of the key, in any of the encodings above, replaced by `***`. */
  redact(text: string): string {
    if (this.stretches.size === 0 || text.length < this.stretch) return text
    const { chars, starts, ends } = decode(text)
    const hits: [number, number][] = []
    for (let i = 0; i + this.stretch <= chars.length; i++) {
      if (!this.stretches.has(chars.slice(i, i + this.stretch))) continue
      const start = starts[i] as number
      const end = ends[i + this.stretch - 1] as number
      const last = hits[hits.length - 1]
      if (last && start <= last[1]) last[1] = Math.max(last[1], end)
      else hits.push([start, end])
    }
    if (hits.length === 0) return text
    let result = ''
    let from = 0
    for (const [start, end] of hits) {
      result += text.slice(from, start) + REDACTED
      from = end
    }
    return result + text.slice(from)
  }

  /** A parsed JSON answer with every string in it, keys included, redacted. */
  redactJson(value: unknown): unknown {
    if (typeof value === 'string') return this.redact(value)
    if (Array.isArray(value)) return value.map((item) => this.redactJson(item))
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [this.redact(key), this.redactJson(item)]))
    }
    return value
  }
}

/**
 * The key as base64 (standard and URL-safe) at each of the three alignments a surrounding text can
 * give it, without the ends, which depend on the neighbouring characters.
 */
function base64Forms(secret: string): string[] {
  const forms: string[] = []
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.from(secret.slice(shift), 'utf8').toString('base64')
    const middle = encoded.slice(0, Math.max(0, encoded.length - 4))
    forms.push(middle, middle.replace(/\+/g, '-').replace(/\//g, '_'))
  }
  return forms
}

const ESCAPE = /\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})|\\(\/)|%([0-9a-fA-F]{2})|&#(\d{1,7});|&#[xX]([0-9a-fA-F]{1,6});/y

/** Reads `\uXXXX`, `\xXX`, `\/`, `%XX` and `&#N;`/`&#xN;` as the characters they stand for. */
function decode(text: string): Decoded {
  if (!/[\\%&]/.test(text)) {
    const starts = Array.from({ length: text.length }, (_, i) => i)
    return { chars: text, starts, ends: starts.map((i) => i + 1) }
  }
  let chars = ''
  const starts: number[] = []
  const ends: number[] = []
  for (let i = 0; i < text.length;) {
    ESCAPE.lastIndex = i
    const match = ESCAPE.exec(text)
    let unit = text[i] as string
    let length = 1
    if (match) {
      const [whole, u, x, slash, percent, decimal, hex] = match
      const code = u ?? x ?? percent ?? hex
      unit = slash ?? String.fromCodePoint(Math.min(code !== undefined ? parseInt(code, 16) : Number(decimal), 0x10ffff))
      length = whole.length
    }
    for (let k = 0; k < unit.length; k++) {
      starts.push(i)
      ends.push(i + length)
    }
    chars += unit
    i += length
  }
  return { chars, starts, ends }
}
