import * as core from '@actions/core'

/**
 * Where one target's work writes its log. A single target logs live; with several at once, each
 * target's lines are kept and printed together in its own group, so the log reads target by target.
 */
export interface Log {
  info(message: string): void
  debug(message: string): void
}

export const liveLog: Log = {
  info: (message) => core.info(message),
  debug: (message) => core.debug(message)
}

export class BufferedLog implements Log {
  private readonly lines: { debug: boolean; message: string }[] = []

  info(message: string): void {
    this.lines.push({ debug: false, message })
  }

  debug(message: string): void {
    this.lines.push({ debug: true, message })
  }

  flush(title: string): void {
    core.startGroup(title)
    for (const line of this.lines.splice(0)) (line.debug ? core.debug : core.info)(line.message)
    core.endGroup()
  }
}
