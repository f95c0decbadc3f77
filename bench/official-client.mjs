// The check written the way a user would without this action: the official @sendgrid/client,
// one GET per target in a loop. Used by `npm run bench` as the baseline; not part of the action.
import client from '@sendgrid/client'

client.setApiKey(process.env.SENDGRID_API_KEY)
client.setDefaultRequest('baseUrl', process.env.SENDGRID_BASE_URL)
const targets = (process.env.TARGETS ?? '').split(',').filter(Boolean)
let drifted = 0
for (const target of targets.length > 0 ? targets : [undefined]) {
  const [, body] = await client.request({
    method: 'GET',
    url: '/v3/user/settings/enforced_tls',
    headers: target ? { 'on-behalf-of': target } : {}
  })
  const version = Math.round((body.version ?? 1.1) * 10) / 10
  if (body.require_tls !== true || version !== 1.2) drifted += 1
}
console.log(`${drifted} of ${Math.max(targets.length, 1)} targets drift`)
process.exitCode = drifted > 0 ? 1 : 0
