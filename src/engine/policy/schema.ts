/**
 * The policy file's format, version 1, as a JSON Schema: the source of the shipped
 * `policy.schema.json` (written by `npm run docs`, checked by CI) that editors use through a
 * `# yaml-language-server: $schema=` line, and of the action's own validation.
 */

import { MAX_USERNAME_LENGTH, USERNAME_PATTERN } from '../../core/target.js'
import type { Field } from '../../core/tls-setting.js'
import { FIELD_SETTINGS } from '../settings/names.js'

/**
 * Where the schema is published, for the `$schema` line of a file the export writes: the npm
 * package's own copy, served by jsDelivr, so the URL resolves without naming the repository's
 * owner, and `@1` follows the newest 1.x release (a new format is a new major version).
 */
export const SCHEMA_URL = 'https://cdn.jsdelivr.net/npm/sendgrid-enforced-tls@1/policy.schema.json'

export const POLICY_VERSION = 1

/** The file's keys for the fields: the settings' own names. */
export const FIELD_KEYS: Readonly<Record<Field, string>> = FIELD_SETTINGS

const fields = {
  'require-tls': {
    description: "Whether recipients' servers must support TLS; null leaves it unmanaged.",
    type: ['boolean', 'null']
  },
  'require-valid-cert': {
    description: "Whether recipients' servers must present a valid certificate; null leaves it unmanaged.",
    type: ['boolean', 'null']
  },
  'min-version': {
    description: "The minimum TLS version demanded of recipients' servers; null leaves it unmanaged.",
    enum: ['1.1', '1.2', '1.3', 1.1, 1.2, 1.3, null]
  }
} as const

export const POLICY_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: SCHEMA_URL,
  title: 'SendGrid Enforced TLS policy',
  description: 'What each SendGrid account, subuser and customer account must enforce. Read by the sendgrid-enforced-tls action and CLI.',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'targets'],
  properties: {
    version: { description: 'The format of this file: 1.', const: POLICY_VERSION },
    default: {
      description: 'What every target must enforce unless an entry says otherwise.',
      type: 'object',
      additionalProperties: false,
      properties: fields
    },
    targets: {
      description:
        'The targets, and what is different for them. A target is held to the default, then to every entry that matches it, in order, field by field: a later entry wins.',
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        oneOf: [{ required: ['parent'] }, { required: ['subuser'] }, { required: ['account-id'] }],
        dependencies: { expires: ['reason'], exclude: ['subuser'] },
        properties: {
          parent: { description: "The key's own account.", const: true },
          subuser: {
            description:
              'A subuser, or a glob over every subuser of the account: * matches any run of characters, ? one; \\*, \\? and \\\\ stand for the characters themselves.',
            type: 'string',
            minLength: 1,
            maxLength: MAX_USERNAME_LENGTH,
            pattern: USERNAME_PATTERN
          },
          'account-id': {
            description: 'A customer account ID.',
            type: 'string',
            pattern: '^[A-Za-z0-9_-]+$'
          },
          exclude: {
            description: 'Subusers (names or globs) this entry does not match.',
            type: 'array',
            items: { type: 'string', minLength: 1, maxLength: MAX_USERNAME_LENGTH, pattern: USERNAME_PATTERN }
          },
          ...fields,
          reason: { description: 'Why this target is an exception: required with expires.', type: 'string', minLength: 1 },
          expires: {
            description: 'The last day (YYYY-MM-DD, UTC) this entry applies; after it, the run warns and holds the target to the rest.',
            type: 'string',
            pattern: '^\\d{4}-\\d{2}-\\d{2}$'
          }
        }
      }
    }
  }
} as const

/** How ajv compiles the schema (ahead of time, by `npm run docs`): every error at once, as a file's author wants them. */
export const VALIDATOR_OPTIONS = { allErrors: true, strict: false } as const
