/** Whose Enforced TLS setting is read or written: the key's own account, a subuser, or a customer account. */
export type Target = { kind: 'parent' } | { kind: 'subuser'; username: string } | { kind: 'account'; id: string }

export const PARENT: Target = { kind: 'parent' }

/**
 * What a subuser's name must be before it is sent as on-behalf-of, wherever it comes from (an
 * input, a policy file, SendGrid's own listing): what the header can carry, and no space, which
 * would let `account-id 1234567` pass for a subuser and reach a customer account nobody
 * selected. A policy file's globs keep to it too.
 */
export const USERNAME_RULE = 'printable characters without spaces, within Latin-1'
export const USERNAME_PATTERN = '^[!-~\\u00a1-\\u00ac\\u00ae-\\u00ff]+$'
/** Longest name that can be a SendGrid username; a longer one is not a name but a fault. */
export const MAX_USERNAME_LENGTH = 256
const USERNAME = new RegExp(USERNAME_PATTERN)

export function isUsername(name: string): boolean {
  return name.length <= MAX_USERNAME_LENGTH && USERNAME.test(name)
}

/** The `on-behalf-of` header value SendGrid expects, or undefined for the key's own account. */
export function onBehalfOf(target: Target): string | undefined {
  switch (target.kind) {
    case 'parent':
      return undefined
    case 'subuser':
      return target.username
    case 'account':
      return `account-id ${target.id}`
  }
}

/** The target's key in the report and in multi-target outputs: `parent`, a username, `account-id <id>`. */
export function targetName(target: Target): string {
  return onBehalfOf(target) ?? 'parent'
}

/** How a target is named in logs, errors and the summary. */
export function describeTarget(target: Target): string {
  switch (target.kind) {
    case 'parent':
      return 'the parent account'
    case 'subuser':
      return `subuser ${target.username}`
    case 'account':
      return `customer account ${target.id}`
  }
}

/** The targets a workflow asked for, before `*` is expanded into the account's subusers. */
export interface TargetSelection {
  includeParent: boolean
  /** Every subuser of the parent account, listed through the API. */
  allSubusers: boolean
  subusers: string[]
  accounts: string[]
}

/**
 * The targets in a stable order (parent, subusers, customer accounts), each once. With nothing
 * selected, the key's own account.
 */
export function selectTargets(selection: TargetSelection, listedSubusers: readonly string[] = []): Target[] {
  const subusers = [...new Set([...selection.subusers, ...listedSubusers])]
  const accounts = [...new Set(selection.accounts)]
  const chosen: Target[] = [
    ...subusers.map((username): Target => ({ kind: 'subuser', username })),
    ...accounts.map((id): Target => ({ kind: 'account', id }))
  ]
  const parent = selection.includeParent || (chosen.length === 0 && !selection.allSubusers)
  return parent ? [PARENT, ...chosen] : chosen
}

/** Whether outputs take the several-targets shape: more than one target, or `*` whatever it found. */
export function isMultiTarget(selection: TargetSelection, targets: readonly Target[]): boolean {
  return selection.allSubusers || targets.length > 1
}
