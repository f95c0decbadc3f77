import * as core from '@actions/core'
import { Redactor } from './redact.js'

/**
 * The one way out to the runner's log. Every line is redacted of the API key (whatever encoding a
 * server echoed it in) and neutralised: text from a server can name a subuser "x\n::warning::…",
 * and must not end a line, start a workflow command or hide text behind bidirectional controls.
 */

let redactor = new Redactor('')

/** From now on, every line, annotation, output, summary and comment is redacted of `secret`. */
export function protect(secret: string): void {
  redactor = new Redactor(secret)
}

/** Text for a file the runner or a reader gets whole (outputs, summary, report, comment): redacted. */
export function safe(text: string): string {
  return redactor.redact(text)
}

const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/** Text for one log line: redacted, control characters shown as escapes, and never a workflow command. */
export function safeLine(text: string): string {
  return redactor
    .redact(text)
    .replace(UNSAFE, (char) => (char === '\n' ? '\\n' : char === '\r' ? '\\r' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`))
    .replace(/##\[/g, '# #[')
    .replace(/^(\s*)::/, '$1: :')
}

/** Where one target's work writes its log. */
export interface Log {
  info: (message: string) => void
  debug: (message: string) => void
}

/** A single target logs live. */
export const liveLog: Log = {
  info: (message) => core.info(safeLine(message)),
  debug: (message) => core.debug(safeLine(message))
}

/**
 * With several targets at once, each target's lines are kept and printed together in its own
 * group, so the log reads target by target.
 */
export class BufferedLog implements Log {
  private readonly lines: { debug: boolean; message: string }[] = []

  info = (message: string): void => {
    this.lines.push({ debug: false, message })
  }

  debug = (message: string): void => {
    this.lines.push({ debug: true, message })
  }

  flush(title: string): void {
    group(title, () => {
      for (const line of this.lines.splice(0)) (line.debug ? liveLog.debug : liveLog.info)(line.message)
    })
  }
}

type Annotation = Parameters<typeof core.error>[1]

/** The runner's annotations and step verdict, through the same guard as every line. */
export const annotate = {
  error: (message: string, properties?: Annotation) => core.error(safeLine(message), properties),
  warning: (message: string, properties?: Annotation) => core.warning(safeLine(message), properties),
  notice: (message: string, properties?: Annotation) => core.notice(safeLine(message), properties),
  fail: (message: string) => core.setFailed(safeLine(message))
}

export function group<T>(title: string, work: () => T): T {
  core.startGroup(safeLine(title))
  try {
    return work()
  } finally {
    core.endGroup()
  }
}

export async function groupAsync<T>(title: string, work: () => Promise<T>): Promise<T> {
  core.startGroup(safeLine(title))
  try {
    return await work()
  } finally {
    core.endGroup()
  }
}
