/**
 * `npm start` with the user's own files: a world file or a policy file seeds the stand-in
 * (stand-in/demo/world-file.ts), and --policy-file, --export-file and --world are taken from where
 * the user stands (INIT_CWD), as npm says it. The demo runs from its source, with the bundled action.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadWorld, WorldError } from '../stand-in/demo/world-file.js'
import { runTsx } from './helpers/tsx.js'

const DEMO = 'stand-in/demo/index.ts'

const FLEET = `# the team's fleet
parent:
  require-tls: false
  mail:
    customer-mail.example: { messages: 6, delivery: tls, mx: mx1.bigmail.example }
    example-partner.com: { messages: 4, delivery: no-tls, mx: [mail.example-partner.com] }
subusers:
  marketing:
    require-tls: true
    min-version: 1.2
    mail:
      legacy.example.org: { messages: 3, delivery: cert-error }
accounts:
  "1234567": { require-tls: true, min-version: 1.2 }
`

let here: string
beforeAll(async () => {
  here = await mkdtemp(join(tmpdir(), 'enforced-tls-world-'))
  await writeFile(join(here, 'fleet.yml'), FLEET)
})
afterAll(() => rm(here, { recursive: true, force: true }))

async function world(name: string, text: string) {
  await writeFile(join(here, name), text)
  return loadWorld(join(here, name), name)
}

async function refusal(text: string): Promise<string> {
  try {
    await world('bad.yml', text)
  } catch (error) {
    if (error instanceof WorldError) return error.message
    throw error
  }
  throw new Error('the world was accepted')
}

/** The demo run as `npm start -- ...` from the folder `here`. */
function demo(args: string[]) {
  return runTsx(DEMO, args, { cwd: here, env: { INIT_CWD: here } })
}

describe('a world file', () => {
  it('seeds accounts, their settings, a week of mail and the MX hosts of its domains', async () => {
    const seeded = await world('fleet.yml', FLEET)
    expect(seeded.parent).toEqual({ require_tls: false, require_valid_cert: false })
    expect(seeded.subusers).toEqual({ marketing: { require_tls: true, require_valid_cert: false, version: 1.2 } })
    expect(seeded.accounts).toEqual({ '1234567': { require_tls: true, require_valid_cert: false, version: 1.2 } })
    expect(seeded.mail['parent']).toHaveLength(10)
    expect(seeded.mail['marketing']?.map((m) => m.delivery)).toEqual(['cert-error', 'cert-error', 'cert-error'])
    expect(Math.max(...(seeded.mail['parent'] ?? []).map((m) => m.ageHours ?? 0))).toBeLessThan(7 * 24)
    expect(seeded.zones['example-partner.com']).toEqual({ mx: [{ exchange: 'mail.example-partner.com', priority: 10 }] })
    // No MX hosts: the domain is served at its own address, as a real one without MX records is.
    expect(seeded.zones['legacy.example.org']).toEqual({ a: ['192.0.2.25'] })
  })

  it('is refused with every problem at once, each at its file, line and column', async () => {
    const text = `parent:
  require-tls: yes please
  mail:
    partner.example: { messages: 0, delivery: tsl }
    not a domain: { messages: 1 }
subusers:
  "has space": {}
accounts:
  "42":
    mail: { a.example: { messages: 1 } }
planet: earth
`
    expect((await refusal(text)).split('\n')).toEqual([
      'bad.yml:2:16: require-tls must be true or false',
      'bad.yml:4:34: messages must be a whole number of 1 or more',
      'bad.yml:4:47: delivery must be one of tls, no-tls, cert-error, none; got tsl',
      'bad.yml:5:5: not a domain is not a domain name',
      'bad.yml:7:3: subuser has space is not a SendGrid username (printable, no spaces)',
      "bad.yml:10:5: a customer account's mail cannot be read (SendGrid's Email Logs do not serve it): give mail to the parent or a subuser",
      'bad.yml:11:1: unknown key planet: a world has parent, subusers and accounts'
    ])
  })

  it('is refused when it is not YAML, or not a mapping', async () => {
    expect(await refusal('parent: [\n')).toMatch(/^bad\.yml:2:1: /)
    expect(await refusal('- parent\n')).toBe('bad.yml:1:1: a world is a mapping with parent, subusers and accounts, or a policy file')
    await expect(loadWorld(join(here, 'none.yml'), 'none.yml')).rejects.toThrow('none.yml: no such file')
  })
})

describe('a policy file as a world', () => {
  it('makes its targets the accounts, with the settings it pins; a glob is no subuser, and says so', async () => {
    const seeded = await world(
      'pinned.yml',
      `version: 1
default: { require-tls: true, min-version: "1.2" }
targets:
  - parent: true
    require-tls: false
  - subuser: billing
  - subuser: "eu-*"
  - account-id: "99"
    require-valid-cert: true
`
    )
    expect(seeded.parent).toEqual({ require_tls: false, require_valid_cert: false, version: 1.2 })
    expect(seeded.subusers).toEqual({ billing: { require_tls: true, require_valid_cert: false, version: 1.2 } })
    expect(seeded.accounts).toEqual({ '99': { require_tls: true, require_valid_cert: true, version: 1.2 } })
    expect(seeded.notes).toEqual(['pinned.yml:7: the glob eu-* names no subuser of its own: skipped (list each subuser by name)'])
  })

  it("is refused with the policy file's own problems, at their lines", async () => {
    expect(await refusal('version: 1\ntargets:\n  - parent: true\n    min-version: 1.4\n')).toMatch(/^bad\.yml:4:18: /)
  })
})

describe('npm start with your own files', () => {
  it('exports your fleet to a file where you stand, and verifies it back as your policy file', async () => {
    const exported = demo(['--world', 'fleet.yml', '--mode', 'export', '--include-parent', 'true', '--subuser', 'marketing'])
    expect(exported.stderr).toBe('')
    expect(exported.status).toBe(0)
    expect(exported.stdout).toContain('from fleet.yml: the parent, 1 subuser, 1 customer account, 13 messages')
    expect(await readFile(join(here, 'sendgrid-enforced-tls-policy.yml'), 'utf8')).toContain('- parent: true')
    const named = demo(['--world', 'fleet.yml', '--mode', 'export', '--subuser', 'marketing', '--export-file', 'mine.yml'])
    expect(named.status).toBe(0)
    expect(await readFile(join(here, 'mine.yml'), 'utf8')).toContain('- subuser: "marketing"')
    const verified = demo(['--world', 'fleet.yml', '--policy-file', 'mine.yml'])
    expect(verified.stdout).toContain('with: policy-file: mine.yml')
    expect(verified.stdout).toContain('marketing: compliant')
    expect(verified.status).toBe(0)
  })

  it("forecasts your world's own mail", () => {
    const plan = demo(['--world', 'fleet.yml', '--mode', 'plan', '--include-parent', 'true', '--require-tls', 'true'])
    expect(plan.stdout).toContain('would block 1 domain, 4 messages (40.0 %): example-partner.com (no TLS)')
    expect(plan.status).toBe(0)
  })

  it('says where a world file is wrong, and runs nothing', () => {
    const run = demo(['--world', 'nowhere.yml'])
    expect([run.status, run.stderr.trim(), run.stdout]).toEqual([1, 'nowhere.yml: no such file', ''])
  })
})
