// The floor of a cold start: Node and one GET of the setting with node:http, nothing else.
// `npm run bench` times the action's start against it; not part of the action.
import { request } from 'node:http'
import { URL } from 'node:url'

const url = new URL('/v3/user/settings/enforced_tls', process.env.SENDGRID_BASE_URL)
request(url, { headers: { Authorization: `Bearer ${process.env.SENDGRID_API_KEY}`, Accept: 'application/json' } }, (response) => {
  let body = ''
  response.setEncoding('utf8')
  response.on('data', (chunk) => (body += chunk))
  response.on('end', () => {
    process.exitCode = response.statusCode === 200 && JSON.parse(body).require_tls === true ? 0 : 1
  })
}).end()
