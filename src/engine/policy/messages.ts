/** A policy file's problems in the words of someone who edits the file, not the schema's or the parser's. */
import type { ErrorObject } from 'ajv'
import { closest } from '../../core/closest.js'
import { USERNAME_RULE } from '../../core/target.js'
import { FIELD_KEYS, POLICY_VERSION } from './schema.js'

const KNOWN_KEYS = {
  root: ['version', 'default', 'targets'],
  default: Object.values(FIELD_KEYS),
  entry: ['parent', 'subuser', 'account-id', 'exclude', ...Object.values(FIELD_KEYS), 'reason', 'expires']
}

/** A file's format as its problems name it: JSON for a `.json` file, which the YAML parser reads too; YAML otherwise. */
export type PolicyFormat = 'JSON' | 'YAML'

export function formatOf(file: string): PolicyFormat {
  return /\.json$/i.test(file) ? 'JSON' : 'YAML'
}

/** The schema's error, in the words of someone who edits the file. */
export function describeSchemaError(error: ErrorObject, format: PolicyFormat): string {
  const where = describePath(error.instancePath)
  const params = error.params as Record<string, unknown>
  const key = error.instancePath.split('/').at(-1) ?? ''
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params['additionalProperty'])
      const known = error.instancePath === '' ? KNOWN_KEYS.root : error.instancePath === '/default' ? KNOWN_KEYS.default : KNOWN_KEYS.entry
      const nearest = name.length <= 64 ? closest(name, known) : undefined
      return `unknown key '${shorten(name)}' in ${where}${nearest ? `; did you mean '${nearest}'?` : ''} (known: ${known.join(', ')})`
    }
    case 'required':
      if (params['missingProperty'] === 'version') return `version is required: start the file with version: ${POLICY_VERSION}`
      if (params['missingProperty'] === 'targets')
        return 'targets is required: list the accounts this policy holds (parent: true, subuser, account-id)'
      return `${where} needs ${String(params['missingProperty'])}`
    case 'oneOf':
      return `${where} must name one target: parent: true, subuser: <name or glob>, or account-id: <id>`
    case 'dependencies':
      return params['property'] === 'expires'
        ? `${where} has expires but no reason: an exception that ends must say why it exists`
        : `${where}: exclude applies to a subuser entry (subuser: "*" or a glob)`
    case 'const':
      return key === 'parent'
        ? `${where} must be true (leave the entry out to leave the parent account out)`
        : `${where} must be ${JSON.stringify(params['allowedValue'])}`
    case 'enum':
      return `${where} must be "1.1", "1.2" or "1.3" (or null to leave it unmanaged)`
    case 'type':
      return `${where} must be ${describeType(params['type'], key, format)}`
    case 'pattern':
      return key === 'expires'
        ? `${where} must be a date written YYYY-MM-DD`
        : key === 'account-id'
          ? `${where} may hold only letters, digits, - and _`
          : `${where} must be a name of ${USERNAME_RULE} (what an on-behalf-of header can carry), as SendGrid usernames are`
    case 'minItems':
      return `${where} lists nothing: name at least one target`
    case 'minLength':
      return `${where} must not be empty`
    case 'maxLength':
      return `${where} is longer than any SendGrid username (${String(params['limit'])} characters)`
    default:
      return `${where} ${error.message ?? 'is not valid'}`
  }
}

function describeType(type: unknown, key: string, format: PolicyFormat): string {
  const types = Array.isArray(type) ? type : [type]
  if (types.includes('boolean')) return 'true or false (or null to leave it unmanaged)'
  if (key === 'account-id')
    return `a quoted account ID, as "1234567": ${format} may change an unquoted number (leading zeros, long numbers)`
  if (types.includes('array')) return 'a list'
  if (types.includes('object')) return 'a mapping of keys to values'
  return 'a string'
}

/** `targets[2].require-tls`: the path as a reader finds it in the file. */
function describePath(pointer: string): string {
  if (pointer === '') return 'the file'
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${shorten(segment.replace(/~1/g, '/').replace(/~0/g, '~'))}`))
    .join('')
    .replace(/^\./, '')
}

function shorten(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}…` : text
}

/** The parser's message without its code excerpt: the annotation shows the line itself. */
export function syntaxMessage(format: PolicyFormat, message: string): string {
  return `not valid ${format}: ${message.split('\n')[0] ?? message}`
}

/** A key given again in one mapping, as an editor of each format words it. */
export function repeatedKeyMessage(format: PolicyFormat): string {
  return syntaxMessage(format, format === 'JSON' ? 'Duplicate object key' : 'Map keys must be unique')
}
