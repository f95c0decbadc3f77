/**
 * Keeps the API key out of everything the action writes, whatever a server echoes back: the whole
 * key or any stretch of it long enough to matter, raw or encoded as a server might echo it:
 * escapes (`\u0053`, `\u{53}`, `\x53`, `\123`), percent-encoding (once or twice), HTML character
 * references, base64 and hexadecimal (of UTF-8 or UTF-16).
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
    for (const form of [secret, ...encodedForms(secret)]) {
      for (let i = 0; i + this.stretch <= form.length; i++) this.stretches.add(form.slice(i, i + this.stretch))
    }
  }

  /** The text with every stretch of the key, in any of the encodings above, replaced by `***`. */
  redact(text: string): string {
    if (this.stretches.size === 0 || text.length < this.stretch) return text
    const { chars, starts, ends } = decodeRepeatedly(text)
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

  /**
   * A parsed JSON answer with every string in it, keys included, redacted. An answer nested deeper
   * than any of SendGrid's is refused rather than walked.
   */
  redactJson(value: unknown, depth = 0): unknown {
    if (depth > MAX_JSON_DEPTH) throw new TooDeep()
    if (typeof value === 'string') return this.redact(value)
    if (Array.isArray(value)) return value.map((item) => this.redactJson(item, depth + 1))
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [this.redact(key), this.redactJson(item, depth + 1)]))
    }
    return value
  }
}

/** SendGrid's answers nest a few levels; a hundred is an attack on the stack. */
export const MAX_JSON_DEPTH = 100

/** An answer nested deeper than `MAX_JSON_DEPTH`. */
export class TooDeep extends Error {
  constructor() {
    super(`the answer is JSON nested deeper than ${MAX_JSON_DEPTH} levels`)
    this.name = 'TooDeep'
  }
}

/**
 * The key's other spellings: hexadecimal, and base64 (standard and URL-safe) at each of the three
 * alignments a surrounding text can give it, without the ends, which depend on the neighbours;
 * each of UTF-8 and UTF-16 bytes.
 */
function encodedForms(secret: string): string[] {
  const forms: string[] = []
  for (const encoding of ['utf8', 'utf16le'] as const) {
    const bytes = Buffer.from(secret, encoding)
    const hex = bytes.toString('hex')
    forms.push(hex, hex.toUpperCase())
    for (let shift = 0; shift < 3; shift++) {
      const encoded = bytes.subarray(shift).toString('base64')
      const middle = encoded.slice(0, Math.max(0, encoded.length - 4))
      forms.push(middle, middle.replace(/\+/g, '-').replace(/\//g, '_'))
    }
  }
  return forms
}

const ESCAPE =
  /\\u\{([0-9a-fA-F]{1,6})\}|\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})|\\([0-7]{3})|\\(\/)|%([0-9a-fA-F]{2})|&#(\d{1,10});|&#[xX]([0-9a-fA-F]{1,10});/y

/** Percent-encoding twice over (`%2553`) is still the key: decode a few times, keeping positions. */
function decodeRepeatedly(text: string): Decoded {
  let decoded = decode(text)
  for (let round = 1; round < 3 && /[\\%&]/.test(decoded.chars); round++) {
    const again = decode(decoded.chars)
    if (again.chars === decoded.chars) break
    decoded = {
      chars: again.chars,
      starts: again.starts.map((start) => decoded.starts[start] as number),
      ends: again.ends.map((end) => decoded.ends[end - 1] as number)
    }
  }
  return decoded
}

/** Reads the escapes above as the characters they stand for, once. */
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
      const [whole, braced, u, x, octal, slash, percent, decimal, hex] = match
      const code = braced ?? u ?? x ?? percent ?? hex
      const point = code !== undefined ? parseInt(code, 16) : octal !== undefined ? parseInt(octal, 8) : Number(decimal)
      unit = slash ?? String.fromCodePoint(Math.min(point, 0x10ffff))
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

/** A run of this many characters without a break is a token, not words: a key in some encoding, a hash, a blob. */
const LONG_TOKEN = /[^\s"',;()[\]{}<>]{48,}/g

/**
 * Server text quoted to the user, with every long unbroken token replaced: whatever encoding the
 * redactor does not know, a key echoed in it is such a token. SendGrid's messages are words.
 */
export function hideLongTokens(text: string): string {
  return text.replace(LONG_TOKEN, '[long token hidden]')
}
