/**
 * What a user can do about a request SendGrid refused, or a redirect the client would not
 * follow: advice the client's facts call for, in the face's vocabulary.
 */
import type { Target } from '../core/target.js'
import type { ClientAdvice } from '../sendgrid/errors.js'
import { SettingName } from './settings/names.js'
import type { Vocabulary } from './vocabulary.js'

export function clientAdvice(vocabulary: Vocabulary): ClientAdvice {
  return {
    refused: (status, scope, target) => adviceFor(status, scope, target, vocabulary),
    redirected: `Check ${vocabulary.name(SettingName.ApiUrl)}`
  }
}

/** What the user can do about a permanent refusal of a request that needs `scope`. */
function adviceFor(status: number, scope: string, target: Target, vocabulary: Vocabulary): string {
  const name =
    target.kind === 'subuser' ? `the subuser '${target.username}'` : target.kind === 'account' ? `the customer account '${target.id}'` : ''
  // SendGrid does not document its answer to an unknown on-behalf-of: it may be 401 or 403.
  const unknownTarget = name
    ? ` Or ${name} does not exist under the key's account: check the name, and use the parent account's key (a subuser's own key cannot act on behalf of anyone).`
    : ''
  switch (status) {
    case 400:
      return 'SendGrid refused the request itself; please report this with the message above.'
    case 401:
      return `The API key was not accepted: check that ${vocabulary.keyHolder} holds the whole key, that it is not revoked, and that it was made in the region this run targets (${vocabulary.assign(SettingName.Region, 'eu')} for keys from the EU console).${unknownTarget}`
    case 403:
      return `The API key lacks the scope ${scope}: add it to the key's permissions.${unknownTarget}`
    case 404:
      return `Nothing answers at this address: check ${vocabulary.name(SettingName.Region)} and ${vocabulary.name(SettingName.ApiUrl)}.`
    case 406:
      return 'SendGrid would not answer in JSON; a proxy may be rewriting the Accept header.'
    default:
      return ''
  }
}
