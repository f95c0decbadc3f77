import * as core from '@actions/core'
import { Deadline } from './deadline.js'
import { liveLog } from './log.js'
import type { Outcome } from './reconcile.js'
import { RefusedError, type SendGridClient } from './sendgrid/client.js'
import { subuserExists, SUBUSERS_PATH } from './sendgrid/subusers.js'

/**
 * SendGrid does not say whether a 401 or 403 on behalf of a subuser means a missing scope or a
 * name that does not exist. For the subusers the workflow named, one lookup tells which, and the
 * error says that instead of both. (Subusers found by `*` exist; their refusals keep the advice.)
 */
export async function explainRefusals(
  client: SendGridClient,
  outcomes: readonly Outcome[],
  named: ReadonlySet<string>,
  budgetMs: number
): Promise<void> {
  for (const outcome of outcomes) {
    const { target, error } = outcome
    if (target.kind !== 'subuser' || !named.has(target.username) || outcome.prior) continue
    if (!(error instanceof RefusedError) || (error.status !== 401 && error.status !== 403)) continue
    let exists: boolean
    try {
      exists = await subuserExists(client, target.username, new Deadline(budgetMs), liveLog)
    } catch (lookup) {
      // Most often the key may not list subusers either: the advice that covers both stays.
      core.debug(`Looking up subuser ${target.username} failed: ${lookup instanceof Error ? lookup.message : String(lookup)}`)
      continue
    }
    outcome.error = error.withAdvice(
      !exists
        ? `There is no subuser '${target.username}' under the key's account (${SUBUSERS_PATH}?username=${target.username} finds none): check the name.`
        : error.status === 403
          ? `The subuser exists, so the API key lacks the scope ${error.scope}: add it to the parent account's key.`
          : "The subuser exists, so the key itself was not accepted: use the parent account's whole, unrevoked key, made in the region this step targets."
    )
  }
}
