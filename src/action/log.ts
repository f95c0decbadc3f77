import * as core from '@actions/core'
import { safeLine } from '../core/guard.js'
import type { Log, RunLog, TargetLog } from '../core/log.js'

/** The runner's log: every line through the guard, groups as collapsible groups. */
export const liveLog: Log = {
  info: (message) => core.info(safeLine(message)),
  debug: (message) => core.debug(safeLine(message))
}

export const runLog: RunLog = {
  ...liveLog,
  group: async (title, work) => {
    core.startGroup(safeLine(title))
    try {
      return await work()
    } finally {
      core.endGroup()
    }
  },
  forTarget: () => new BufferedLog()
}

/** One target's lines, kept until it is done, then printed in a group of their own. */
class BufferedLog implements TargetLog {
  private readonly lines: { debug: boolean; message: string }[] = []

  info = (message: string): void => {
    this.lines.push({ debug: false, message })
  }

  debug = (message: string): void => {
    this.lines.push({ debug: true, message })
  }

  done = (title: string): void => {
    core.startGroup(safeLine(title))
    for (const line of this.lines.splice(0)) (line.debug ? liveLog.debug : liveLog.info)(line.message)
    core.endGroup()
  }
}

export type Annotation = Parameters<typeof core.error>[1]

/** The runner's annotations and step verdict, through the same guard as every line. */
export const annotate = {
  error: (message: string, properties?: Annotation) => core.error(safeLine(message), properties),
  warning: (message: string, properties?: Annotation) => core.warning(safeLine(message), properties),
  notice: (message: string, properties?: Annotation) => core.notice(safeLine(message), properties),
  fail: (message: string) => core.setFailed(safeLine(message))
}
