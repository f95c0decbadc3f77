import type { Deadline } from '../core/deadline.js'
import { messageOf } from '../core/errors.js'
import type { Log } from '../core/log.js'
import { RefusedError, type SendGridClient } from '../sendgrid/client.js'
import { findSubuser, SUBUSERS_PATH, type Subuser } from '../sendgrid/subusers.js'
import type { Outcome } from './reconcile.js'
import { startStep, type RunContext } from './run-context.js'
import { SettingName } from './settings/names.js'

/** What the run knows of the subusers a refusal may be about. */
export interface KnownSubusers {
  /** Subusers the listing (`*`) found, by name: they exist, and their region is known. */
  listed: ReadonlyMap<string, Subuser>
  /** Subusers the workflow named: they may not exist, so a refusal is worth a lookup. */
  named: ReadonlySet<string>
  onEuHost: boolean
}

/**
 * SendGrid does not say why it refuses a request on behalf of a subuser (401 or 403): a missing
 * scope, a name that does not exist, or (undocumented) an EU subuser asked through the global
 * host. Where the run can tell which (from the listing, or one lookup of a named subuser), the
 * error says that one instead of all of them.
 */
export async function explainRefusals(run: RunContext, outcomes: readonly Outcome[], known: KnownSubusers): Promise<void> {
  // The lookups share one step's time and a count: an explanation must not cost more than the run.
  const deadline = startStep(run)
  let lookups = 0
  for (const outcome of outcomes) {
    const { target, error } = outcome
    if (target.kind !== 'subuser' || outcome.prior) continue
    if (!(error instanceof RefusedError) || (error.status !== 401 && error.status !== 403)) continue
    const lookUpNamed = known.named.has(target.username) && lookups < MAX_LOOKUPS && deadline.remainingMs() > 0
    if (lookUpNamed && !known.listed.has(target.username)) lookups += 1
    const subuser =
      known.listed.get(target.username) ?? (lookUpNamed ? await lookUp(run.client, target.username, deadline, run.log) : undefined)
    if (subuser === undefined) continue
    outcome.error = error.withAdvice(
      subuser === null
        ? `There is no subuser '${target.username}' under the key's account (${SUBUSERS_PATH}?username=${target.username} finds none): check the name.`
        : subuser.region === 'eu' && !known.onEuHost
          ? `Subuser '${target.username}' is pinned to the EU region, which SendGrid may serve only at https://api.eu.sendgrid.com: run it again with ${run.vocabulary.assign(SettingName.Region, 'eu')}.`
          : error.status === 403
            ? `The subuser exists, so the API key lacks the scope ${error.scope}: add it to the parent account's key.`
            : "The subuser exists, so the key itself was not accepted: use the parent account's whole, unrevoked key, made in the region this run targets."
    )
  }
}

/** Named subusers looked up at most, after refusals; the others keep the advice that covers every cause. */
const MAX_LOOKUPS = 10

/** The subuser, null when there is none, or undefined when the lookup itself failed. */
async function lookUp(client: SendGridClient, username: string, deadline: Deadline, log: Log): Promise<Subuser | null | undefined> {
  try {
    return await findSubuser(client, username, deadline, log)
  } catch (error) {
    // Most often the key may not list subusers either: the advice that covers every cause stays.
    log.debug(`Looking up subuser ${username} failed: ${messageOf(error)}`)
    return undefined
  }
}
