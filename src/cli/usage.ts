import { PROGRAM } from './args.js'
import type { Mode } from '../engine/mode.js'

const COMMANDS: Record<Mode, { summary: string; detail: string }> = {
  verify: {
    summary: 'read the setting and compare it with the policy; exit 2 on drift',
    detail: `Reads each target's Enforced TLS setting and compares the fields the policy manages. Changes
nothing. Exit code 0 when every target is compliant, 2 on drift, 1 on any error.`
  },
  plan: {
    summary: 'read and compare, and show what apply would change; exit 2 if anything',
    detail: `Reads and compares as verify does, and shows what apply would write. Changes nothing. Exit
code 0 when there is nothing to change, 2 when apply would change something, 1 on any error.
Runs without a policy too, to show the current setting.`
  },
  apply: {
    summary: 'write what differs, then read it back until it shows the write',
    detail: `Writes only the fields that differ from the policy, then reads each target again until it
shows the write. Exit code 0 when every target is compliant afterwards, 1 when any failed.
The key needs the scope user.settings.enforced_tls.update as well as .read.`
  },
  export: {
    summary: "read every target and write a policy file that pins today's setting",
    detail: `Reads each target the flags or --policy-file select, and writes a policy file (version 1)
that holds every target to what it has today: to --export-file, or to stdout. Changes
nothing. Read back with --policy-file, it verifies as compliant. Exit code 0, or 1 when a
target could not be read (it is left out of the file, with a comment).`
  }
}

const FLAGS = `Policy (a field left out is neither compared nor written):
  --require-tls true|false          recipients' servers must support TLS
  --require-valid-cert true|false   recipients' servers must present a valid certificate
  --min-version 1.1|1.2|1.3         the minimum TLS version demanded of them
  --allow-stricter                  a setting stricter than the policy counts as compliant
  --policy-file PATH                a policy file (YAML or JSON) in place of the flags above and
                                    the targets below: what each target must enforce
  --max-changes N|N%                apply changes nothing when it would change more targets

Targets (default: the key's own account):
  --subuser NAMES                   subusers, comma-separated or the flag again; '*' for every one
  --account-id IDS                  customer accounts, comma-separated or the flag again
  --include-parent                  the key's own account too, beside subusers or accounts

Forecast (which recipient domains the policy would block, from Email Logs):
  --forecast auto|on|off            auto (default): plan and apply, where enforcement turns on
  --forecast-days N                 the window of recent mail, 1 to 30 (default 7)
  --forecast-requests N             Email Logs requests per target, 10 to 100000 (default 1500)
  --dns-servers ADDRESSES           resolvers for MX lookups, ip or ip:port (default: the system's)
  --max-blocked-domains N           apply holds a target whose forecast lists more domains

Connection:
  --api-key-file PATH               read the API key from this file or pipe (else SENDGRID_API_KEY)
  --region global|eu                eu: https://api.eu.sendgrid.com, for EU subusers and keys
  --api-url URL                     another base URL: https://, or http:// to a loopback address
  --concurrency N                   targets worked on at once, 1 to 32 (default 8)
  --request-timeout SECONDS         one request's time, 1 to 300 (default 30); 4 attempts at most

Output:
  --format text|json|markdown       a table (default), the JSON report, or the job summary
  --export-file PATH                export: write the policy file here, not to stdout
  --verbose                         the run's log on stderr, and stack traces with errors
  --no-color                        no colour in the text (as NO_COLOR=1 in the environment)
  -h, --help                        this text
  --version                         the version

A switch (--include-parent, --allow-stricter, --require-tls…) alone means true. The API key
comes from the environment variable SENDGRID_API_KEY, or from a file: --api-key-file PATH, or
from a pipe: pass show sendgrid | sendgrid-enforced-tls verify --api-key-file /dev/stdin.`

/** `verify, plan, apply or export`: every command, as a sentence names them. */
export function describeCommands(): string {
  const names = Object.keys(COMMANDS)
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`
}

export function usage(command?: Mode): string {
  if (command) {
    return `Usage: ${PROGRAM} ${command} [flags]

${COMMANDS[command].detail}

${FLAGS}

Example: ${PROGRAM} ${command} --subuser '*' --include-parent${command === 'export' ? ' --export-file tls-policy.yml' : ' --require-tls true --min-version 1.2'}
`
  }
  const commands = Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(8)}${summary}`)
  return `Usage: ${PROGRAM} <command> [flags]

Verifies, plans or applies Twilio SendGrid's Enforced TLS setting of the key's account, its
subusers and its customer accounts.

Commands:
${commands.join('\n')}

${FLAGS}

Exit codes: 0 compliant, nothing to change or all applied; 2 drift (verify) or changes pending
(plan); 1 an error, a failed target, or a command line it cannot run (2 is kept for drift, so
that a typo never reads as one). '${PROGRAM} <command> --help' tells more of each.
`
}
