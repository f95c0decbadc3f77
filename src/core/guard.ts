import { Redactor } from './redact.js'

/**
 * The guard on every way out: the log, annotations, outputs, the summary, the report, a comment,
 * a terminal. Text is redacted of the API key (whatever encoding a server echoed it in); a line
 * is also neutralised: text from a server can name a subuser "x\n::warning::…" or hold terminal
 * escapes, and must not end a line, start a workflow command, move a cursor or hide text behind
 * bidirectional controls.
 */

let redactor = new Redactor('')

/** From now on, everything that goes through the guard is redacted of `secret`. */
export function protect(secret: string): void {
  redactor = new Redactor(secret)
}

/** Text for a file a runner or a reader gets whole (outputs, summary, report, comment): redacted. */
export function safe(text: string): string {
  return redactor.redact(text)
}

/** Controls, and the invisible characters that turn text around or hide between letters. */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g

/** Longest log line: a server's megabyte of text must not become a megabyte of log. */
export const MAX_LINE = 8000

/**
 * What of a text is read before a line is cut: cut first, then redacted, since redacting costs
 * memory in proportion to the text (a 15 MiB answer took 1.5 GB). Room for the escapes and
 * redactions that change its length; a key straddling the cut is still found by any ten characters of it.
 */
const READ_FOR_LINE = 4 * MAX_LINE

/** Text for one log line: cut, redacted, neutralised, cut short, and never a workflow command. */
export function safeLine(text: string): string {
  const head = text.length > READ_FOR_LINE ? text.slice(0, READ_FOR_LINE) : text
  const line = neutralise(redactor.redact(head))
    .replace(/##\[/g, '# #[')
    .replace(/^(\s*)::/, '$1: :')
  if (line.length <= MAX_LINE && head === text) return line
  return `${line.slice(0, MAX_LINE)}… (${text.length - Math.min(head.length, MAX_LINE)} more characters)`
}

/** Control characters (line breaks, terminal escapes) and bidirectional controls, shown as escapes instead. */
export function neutralise(text: string): string {
  return text.replace(UNSAFE, (char) =>
    char === '\n' ? '\\n' : char === '\r' ? '\\r' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
}
