/** Small pieces every rendering of the report shares. */
import { neutralise } from '../core/guard.js'
import type { Target } from '../core/target.js'

export { count } from '../core/plural.js'

/** Every summary's first line: the verdict under one title. */
export function heading(verdict: string): string {
  return `### SendGrid Enforced TLS: ${verdict}`
}

/** The verdict of a run that could not finish what it was asked: one wording everywhere. */
export const FAILED = '❌ Failed'

/** A run that failed before any target was done: why, and what that means for the accounts. */
export function renderFailure(error: string, consequence: string, context: readonly string[] = []): string[] {
  return [heading(FAILED), '', ...context.flatMap((line) => [line, '']), `**Error:** ${verbatim(error)}`, '', consequence, '']
}

/** Longest error quoted in a table row or a list; the report file holds the whole message. */
const MAX_NOTE = 300

/** An error's message cut to a row's length. */
export function shorten(text: string): string {
  return text.length > MAX_NOTE ? `${text.slice(0, MAX_NOTE)}…` : text
}

/** Text from the workflow's inputs lands in HTML: escape it, and the table's own separator. */
export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '&#124;').replace(/\r?\n/g, ' ')
}

/**
 * Text from SendGrid, from an error, or a name from the account, shown as it is and never
 * rendered: as an inline code span no link, image, autolink, @mention, HTML or emphasis comes
 * alive, and `<` needs no entity. The fence is one backtick longer than the longest run inside,
 * which CommonMark cannot close early; line breaks become spaces, since a blank line would end the
 * span and a line break a table row.
 */
export function verbatim(text: string): string {
  // Line breaks become spaces; other controls, and bidirectional ones that would turn text around, show as escapes.
  const line = neutralise(text.replace(/\r\n?|\n/g, ' '))
  if (line === '') return ''
  const longestRun = (line.match(/`+/g) ?? []).reduce((longest, run) => Math.max(longest, run.length), 0)
  const fence = '`'.repeat(longestRun + 1)
  // A backtick at an end would join the fence into a longer run; a space at both ends is stripped
  // by CommonMark. Either way a space of padding, which CommonMark strips, keeps the text whole.
  const pad = /^[ `]|[ `]$/.test(line) ? ' ' : ''
  return `${fence}${pad}${line}${pad}${fence}`
}

/**
 * `verbatim` for a table cell. GFM splits a row at every pipe not escaped, inside a code span too,
 * and turns `\|` back into `|` before it reads the span; a pipe must therefore follow an odd number
 * of backslashes, or those before it escape one another and the row splits. A backslash right
 * before a pipe thus shows doubled: GFM has no way to show it single there.
 */
export function verbatimCell(text: string): string {
  return verbatim(text).replace(/(\\*)\|/g, (_, backslashes: string) => `${backslashes}${backslashes.length % 2 === 0 ? '\\' : '\\\\'}|`)
}

/** A target in prose: its name, which came from SendGrid's listing or the workflow, as code. */
export function renderTarget(target: Target): string {
  switch (target.kind) {
    case 'parent':
      return 'the parent account'
    case 'subuser':
      return `subuser ${verbatim(target.username)}`
    case 'account':
      return `customer account ${verbatim(target.id)}`
  }
}

/**
 * A target in a table's first column: the parent account in words, a subuser by its name, a
 * customer account by its ID, so that a subuser named `parent`, or like an ID, is not taken for
 * another target.
 */
export function targetCell(target: Target): string {
  switch (target.kind) {
    case 'parent':
      return '*parent account*'
    case 'subuser':
      return verbatimCell(target.username)
    case 'account':
      return `customer account ${verbatimCell(target.id)}`
  }
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`)
}
