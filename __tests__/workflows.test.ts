/** The repository's workflows and the examples users copy: least privilege, no token left on disk, pinned actions. */
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { parseArgs } from '../src/cli/args.js'
import { runScripts } from './helpers/run-scripts.js'
import { SettingName } from '../src/engine/settings/names.js'

interface Step {
  name?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, string>
}
interface Job {
  if?: string
  permissions?: unknown
  steps: Step[]
}
interface Workflow {
  on: unknown
  permissions?: unknown
  jobs: Record<string, Job>
}

/** A GitLab pipeline among the examples, not a GitHub workflow: checked on its own below. */
const GITLAB_EXAMPLE = 'gitlab-ci.yml'

/** The policy-as-code examples: a policy file, and the three workflows that use it. */
const POLICY_EXAMPLES = join('examples', 'policy-as-code')
const POLICY_EXAMPLE = 'policy.yml'

function load(dir: string): [string, Workflow][] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yml') && file !== GITLAB_EXAMPLE && file !== POLICY_EXAMPLE)
    .map((file) => [join(dir, file), parse(readFileSync(join(dir, file), 'utf8')) as Workflow])
}

const ours = load('.github/workflows')
const workflows = [...ours, ...load('examples'), ...load(POLICY_EXAMPLES)]
const steps = (workflow: Workflow): Step[] => Object.values(workflow.jobs).flatMap((job) => job.steps)

describe.each(workflows)('%s', (_, workflow) => {
  it('grants nothing at workflow level; a job that needs a permission names it', () => {
    expect(workflow.permissions).toEqual({})
  })

  it('hands expressions to scripts through env:, never pasted into run:', () => {
    for (const script of runScripts(workflow)) expect(script).not.toContain('${{')
  })

  it('leaves no token in the checkout', () => {
    for (const step of steps(workflow).filter((s) => s.uses?.startsWith('actions/checkout@'))) {
      expect(step.with?.['persist-credentials']).toBe(false)
    }
  })
})

describe('the repository’s own workflows', () => {
  it('pin every action by a full commit SHA, the same one for the same action everywhere', () => {
    const pins = new Map<string, Set<string>>()
    for (const [, workflow] of ours) {
      for (const uses of steps(workflow).flatMap((s) => (s.uses && !s.uses.startsWith('./') ? [s.uses] : []))) {
        const [action = '', ref = ''] = uses.split('@')
        expect(ref).toMatch(/^[0-9a-f]{40}$/)
        pins.set(action, (pins.get(action) ?? new Set()).add(ref))
      }
    }
    for (const [action, refs] of pins) expect([action, refs.size]).toEqual([action, 1])
  })
})

describe('examples/deploy-apply.yml', () => {
  it('checks nothing out: the action needs only its inputs', () => {
    const [, deploy] = workflows.find(([path]) => path === join('examples', 'deploy-apply.yml'))!
    expect(steps(deploy).filter((s) => s.uses?.startsWith('actions/checkout@'))).toEqual([])
  })
})

describe('examples/gitlab-ci.yml', () => {
  const pipeline = parse(readFileSync(join('examples', GITLAB_EXAMPLE), 'utf8')) as Record<
    string,
    { image: string; rules: { if: string }[]; script: string[]; artifacts: { when: string; paths: string[] } }
  >
  const job = pipeline['enforced-tls']!

  it('runs on a schedule and keeps the JSON report, when the check fails too', () => {
    expect(job.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "schedule"' }])
    expect(job.artifacts.when).toBe('always')
    expect(job.script.join('\n')).toMatch(/--format json > (\S+)$/)
    expect(job.artifacts.paths).toEqual([/--format json > (\S+)$/.exec(job.script.join('\n'))?.[1]])
  })

  it('gives the CLI flags it accepts, and the key only through the environment', () => {
    const [command = ''] = job.script
    const [, argv = ''] = /npx --yes sendgrid-enforced-tls@1 (.*) >/.exec(command) ?? []
    const line = parseArgs(argv.split(/\s+/).map((word) => word.replace(/^'(.*)'$/, '$1')))
    expect(line).toMatchObject({ command: 'verify', format: 'json' })
    expect(line.apiKeyFile).toBeUndefined()
    expect(line.settings.get(SettingName.Subuser)).toBe('*')
    expect(command).not.toContain('SENDGRID_API_KEY')
  })
})
