/** Problems with a policy file, apart from its parser, so a face can tell them without loading it. */

/** A place in the policy file: 1-based, as editors and GitHub's annotations count. */
export interface Position {
  line: number
  column: number
}

/** One thing wrong (or worth a word) in a policy file, where it is. */
export interface PolicyProblem extends Position {
  severity: 'error' | 'warning'
  /** The file as an annotation names it: relative to the workspace. */
  file: string
  message: string
}

/** A policy file that cannot be used: every problem found, each at its place. Nothing was sent. */
export class PolicyError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly PolicyProblem[]
  ) {
    const first = problems[0]
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : ''
    super(
      first
        ? `The policy file ${file} cannot be used: line ${first.line}, column ${first.column}: ${first.message}${more}`
        : `The policy file ${file} cannot be used`
    )
    this.name = 'PolicyError'
  }
}
