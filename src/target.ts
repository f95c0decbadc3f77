/** Whose Enforced TLS setting is read or written: the key's own account, a subuser, or a customer account. */
export type Target =
  | { kind: 'parent' }
  | { kind: 'subuser'; username: string }
  | { kind: 'account'; id: string }

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
