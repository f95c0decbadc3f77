/**
 * Keeps the API key out of everything the action writes, whatever a server echoes back: the whole
 * key or any stretch of it long enough to matter, raw or encoded as a server might echo it:
 * escapes (`\u0053`, `\u{53}`, `\x53`, `\123`), percent-encoding (once or twice), HTML character
 * references (escaped again or not), base64 and hexadecimal (of UTF-8 or UTF-16), lists of byte
 * values (decimal or hexadecimal), spelled with separators or invisible characters between its
 * letters, or in look-alike (full-width) letters.
 */

/** Shortest stretch of the key that is redacted: long enough never to match ordinary text by chance. */
export const MIN_SECRET_STRETCH = 10

const REDACTED = '***'
/** Characters of a secret guarded at most. */
const MAX_SECRET_LENGTH = 1024

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

  constructor(whole: string) {
    // A value too long to be a key is refused as input; its first part is enough to guard, and a
    // megabyte would cost a gigabyte of stretches.
    const secret = whole.slice(0, MAX_SECRET_LENGTH)
    this.stretch = Math.min(MIN_SECRET_STRETCH, secret.length)
    if (secret === '') return
    for (const form of [secret, ...encodedForms(secret)]) {
      for (let i = 0; i + this.stretch <= form.length; i++) this.stretches.add(form.slice(i, i + this.stretch))
    }
  }

  /** The text with every stretch of the key, in any of the encodings above, replaced by `***`. */
  redact(text: string): string {
    if (this.stretches.size === 0 || text.length < this.stretch) return text
    const hits: [number, number][] = []
    for (const decoded of [decodeRepeatedly(text), ...byteLists(text)]) this.find(decoded, hits)
    if (hits.length === 0) return text
    hits.sort((a, b) => a[0] - b[0])
    for (let i = 1; i < hits.length;) {
      const [previous, next] = [hits[i - 1] as [number, number], hits[i] as [number, number]]
      if (next[0] <= previous[1]) {
        previous[1] = Math.max(previous[1], next[1])
        hits.splice(i, 1)
      } else i++
    }
    let result = ''
    let from = 0
    for (const [start, end] of hits) {
      result += text.slice(from, start) + REDACTED
      from = end
    }
    return result + text.slice(from)
  }

  /** Adds the ranges of the text where a decoding of it holds a stretch of the key. */
  private find({ chars, starts, ends }: Decoded, hits: [number, number][]): void {
    for (let i = 0; i + this.stretch <= chars.length; i++) {
      if (!this.stretches.has(chars.slice(i, i + this.stretch))) continue
      hits.push([starts[i] as number, ends[i + this.stretch - 1] as number])
    }
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
  /\\u\{([0-9a-fA-F]{1,6})\}|\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})|\\([0-7]{3})|\\(\/)|%([0-9a-fA-F]{2})|&#(\d{1,10});|&#[xX]([0-9a-fA-F]{1,10});|&(amp);/y

/**
 * What a reader does not see, or reads past: spaces and separators between the characters, control
 * and invisible formatting characters. A key spelled out with them between its letters is the key.
 */
const UNSEEN = /[\s\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/

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

/** Reads the escapes above as the characters they stand for, once, passing over what is unseen and folding look-alikes (NFKC). */
function decode(text: string): Decoded {
  if (/^[\u0021-\u007e]*$/.test(text) && !/[\\%&]/.test(text)) {
    const starts = Array.from({ length: text.length }, (_, i) => i)
    return { chars: text, starts, ends: starts.map((i) => i + 1) }
  }
  let chars = ''
  const starts: number[] = []
  const ends: number[] = []
  for (let i = 0; i < text.length;) {
    ESCAPE.lastIndex = i
    const match = ESCAPE.exec(text)
    let unit: string
    let length: number
    if (match) {
      const [whole, braced, u, x, octal, slash, percent, decimal, hex, amp] = match
      const code = braced ?? u ?? x ?? percent ?? hex
      const point = code !== undefined ? parseInt(code, 16) : octal !== undefined ? parseInt(octal, 8) : Number(decimal)
      unit = slash ?? (amp ? '&' : String.fromCodePoint(Math.min(point, 0x10ffff)))
      length = whole.length
    } else {
      const point = text.codePointAt(i) ?? 0
      unit = String.fromCodePoint(point)
      length = unit.length
      if (UNSEEN.test(unit)) unit = ''
      else if (point > 0x7e) unit = unit.normalize('NFKC')
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

/**
 * The text's runs of byte values, read as characters: decimal (`83,71,46`, as a Buffer prints in
 * JSON) and hexadecimal pairs (`53 47 2e`, as a dump prints them), whatever separates them.
 */
function byteLists(text: string): Decoded[] {
  const lists: Decoded[] = []
  for (const [pattern, radix] of [
    [/(?<![0-9A-Za-z])\d{2,3}(?![0-9A-Za-z])/g, 10],
    [/(?<![0-9A-Za-z])[0-9a-fA-F]{2}(?![0-9A-Za-z])/g, 16]
  ] as const) {
    const decoded: Decoded = { chars: '', starts: [], ends: [] }
    for (const match of text.matchAll(pattern)) {
      const value = parseInt(match[0], radix)
      if (value < 0x20 || value > 0x7e) continue
      decoded.chars += String.fromCharCode(value)
      decoded.starts.push(match.index)
      decoded.ends.push(match.index + match[0].length)
    }
    if (decoded.chars.length > 0) lists.push(decoded)
  }
  return lists
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
