import { safeLine } from '../core/guard.js'
import type { RunLog, TargetLog } from '../core/log.js'
import type { Stream } from './io.js'

export interface TerminalLogOptions {
  /** The engine's lines, on stderr. */
  verbose: boolean
  /** A count of targets done, rewritten in place: only on a terminal, where `\r` does that. */
  progress: boolean
}

/** The run log the engine writes to: quiet by default, so that stdout holds only the result. */
export interface TerminalLog extends RunLog {
  /** The run is over: the progress line gives way to the result. */
  finish(): void
}

export function terminalLog(stderr: Stream, options: TerminalLogOptions): TerminalLog {
  const line = (text: string) => {
    if (options.verbose) stderr.write(`${safeLine(text)}\n`)
  }
  let total = 0
  let done = 0
  const progress = () => {
    done += 1
    if (options.progress && total > 1) stderr.write(`\r${done}/${total} targets done`)
  }
  return {
    info: line,
    debug: (text) => line(`debug: ${text}`),
    group: async (title, work) => {
      line(`== ${title}`)
      return work()
    },
    // Targets run interleaved: each one's lines are held and shown together when it is done.
    forTarget: (): TargetLog => {
      const held: string[] = []
      return {
        info: (text) => held.push(text),
        debug: (text) => held.push(`debug: ${text}`),
        done: (title) => {
          line(`== ${title}`)
          for (const text of held.splice(0)) line(text)
          progress()
        }
      }
    },
    starting: (targets) => {
      total = targets
    },
    finish: () => {
      // Erase the line rather than end it: the count is spent once the result is shown.
      if (options.progress && total > 1 && done > 0) stderr.write('\r\u001b[2K')
    }
  }
}
