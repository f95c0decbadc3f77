/** The release workflow: which tags it releases, where the major tag goes, and the notes it publishes. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parse } from 'yaml'
import { releaseNotes } from '../scripts/release-notes.js'
import { runTsx } from './helpers/tsx.js'

interface Step {
  name?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
}
interface Job {
  needs?: string
  environment?: string
  permissions: unknown
  steps: Step[]
}
const workflow = parse(readFileSync('.github/workflows/release.yml', 'utf8')) as {
  on: unknown
  permissions: unknown
  jobs: { check: Job; release: Job }
}
const { check, release } = workflow.jobs
const steps = [...check.steps, ...release.steps]

/** A step's script as the runner runs it: bash -e with pipefail, in `cwd`, with the job's TAG. */
function runStep(name: string, tag: string, cwd?: string): { status: number | null; stdout: string; outputs: string } {
  const step = steps.find((s) => s.name === name)
  if (!step?.run) throw new Error(`release.yml has no step '${name}' with a script`)
  const dir = mkdtempSync(join(tmpdir(), 'enforced-tls-step-'))
  try {
    const outputFile = join(dir, 'output')
    writeFileSync(outputFile, '')
    const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
      cwd,
      env: { ...process.env, TAG: tag, GITHUB_OUTPUT: outputFile },
      encoding: 'utf8'
    })
    return { status: run.status, stdout: run.stdout, outputs: readFileSync(outputFile, 'utf8') }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('.github/workflows/release.yml', () => {
  it('runs on version tags; checks with a read-only token, then releases with what publishing and attesting need', () => {
    expect(workflow.on).toEqual({ push: { tags: ['v*.*.*'] } })
    expect(workflow.permissions).toEqual({})
    expect(check.permissions).toEqual({ contents: 'read' })
    expect(release.needs).toBe('check')
    expect(release.environment).toBe('release')
    expect(release.permissions).toEqual({ contents: 'write', 'id-token': 'write', attestations: 'write' })
  })

  it('installs and runs no development package where a token can write: only npm, gh, git and the attest action', () => {
    const scripts = release.steps.flatMap((s) => (s.run ? [s.run] : []))
    expect(scripts.join('\n')).not.toMatch(/\bnpm (ci|install|i|run|test|exec)\b|\bnpx\b|\.ci\/run/)
    expect(release.steps.flatMap((s) => (s.uses ? [s.uses.split('@')[0]] : []))).toEqual([
      'actions/checkout',
      'actions/setup-node',
      'actions/attest-build-provenance'
    ])
  })

  it('publishes to npm with provenance and no token, after attesting dist/ and the very tarball it publishes', () => {
    const names = release.steps.map((s) => s.name ?? s.uses?.split('@')[0])
    const attest = release.steps.find((s) => s.uses?.startsWith('actions/attest-build-provenance@'))!
    expect(String(attest.with?.['subject-path']).trim().split('\n')).toEqual(['dist/**', '${{ steps.pack.outputs.tarball }}'])
    const publish = release.steps.find((s) => s.name === 'Publish to npm')!
    expect(publish.run).toContain('npm publish "$TARBALL" --provenance --access public')
    expect(JSON.stringify(release)).not.toMatch(/NODE_AUTH_TOKEN|NPM_TOKEN|secrets\./)
    expect(names.indexOf('Pack the npm package')).toBeLessThan(names.indexOf(attest.name))
    expect(names.indexOf(attest.name)).toBeLessThan(names.indexOf('Publish to npm'))
    expect(names.indexOf('Publish to npm')).toBeLessThan(names.indexOf('Publish the GitHub release'))
  })

  it('releases only vMAJOR.MINOR.PATCH tags, and says why it refuses another', () => {
    for (const tag of ['v1.2.3', 'v0.1.0', 'v10.20.30']) expect(runStep('Check the tag is a release version', tag).status).toBe(0)
    for (const tag of ['v1.2.3-rc.1', 'v1.2', 'v1.2.x', 'v01.2.3', 'v1.2.3.4', 'version1.2.3']) {
      const run = runStep('Check the tag is a release version', tag)
      expect(run.stdout).toContain(`::error::Tag ${tag} is not a release version`)
      expect(run.status).toBe(1)
    }
  })

  it('checks the tag against package.json before it builds, tests and publishes', () => {
    const names = check.steps.map((s) => s.name ?? s.uses?.split('@')[0])
    expect(names.indexOf('Check the tag matches package.json')).toBeLessThan(
      names.indexOf('Type-check, lint, test, and check dist/ is the fresh build')
    )
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    expect(runStep('Check the tag matches package.json', `v${version}`).status).toBe(0)
    const run = runStep('Check the tag matches package.json', 'v99.0.0')
    expect(run.stdout).toContain(`::error::Tag v99.0.0 does not match the version in package.json, ${version}`)
    expect(run.status).toBe(1)
  })

  it('refuses a release while a shipped file holds an OWNER/ placeholder, naming each place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'enforced-tls-shipped-'))
    try {
      const write = (file: string, text: string) => {
        mkdirSync(dirname(join(dir, file)), { recursive: true })
        writeFileSync(join(dir, file), text)
      }
      write('examples/verify.yml', 'steps:\n  - uses: OWNER/sendgrid-enforced-tls-action@v1\n')
      write('README.md', '# Title\n\nRun `gh attestation verify x.tgz --repo OWNER/REPO`\n')
      write('dist/index.js', 'clean\n')
      // History may quote an old placeholder; docs/ may not exist at all.
      write('CHANGELOG.md', 'examples said OWNER/…\n')
      const refused = runStep('Check no placeholder ships', 'v1.0.0', dir)
      expect(refused.stdout.trim().split('\n')).toEqual([
        '::error file=examples/verify.yml,line=2::A placeholder OWNER/ is still here: name the repository this release comes from.',
        '::error file=README.md,line=3::A placeholder OWNER/ is still here: name the repository this release comes from.'
      ])
      expect(refused.status).toBe(1)

      write('examples/verify.yml', 'steps:\n  - uses: acme/sendgrid-enforced-tls-action@v1\n')
      write('README.md', '# Title\n')
      expect(runStep('Check no placeholder ships', 'v1.0.0', dir)).toMatchObject({ status: 0, stdout: '' })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  describe('where the release stands among the tags', () => {
    let repo: string
    beforeAll(() => {
      repo = mkdtempSync(join(tmpdir(), 'enforced-tls-tags-'))
      const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' })
      git('init', '-q')
      git('-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-q', '--allow-empty', '-m', 'release')
      for (const tag of ['v1', 'v1.2.3', 'v1.9.0', 'v1.10.0', 'v1.10.1-rc.1', 'v2.0.0']) git('tag', tag)
    })
    afterAll(() => rmSync(repo, { recursive: true, force: true }))

    const order = (tag: string): string => runStep('Find where the release stands among the tags', tag, repo).outputs

    it('moves the major tag only for the newest release of that major version', () => {
      expect(order('v1.10.0')).toBe('latest=false\nnewest-of-major=true\n')
      expect(order('v1.9.0')).toBe('latest=false\nnewest-of-major=false\n')
    })

    it('makes the newest release of all the repository’s latest', () => {
      expect(order('v2.0.0')).toBe('latest=true\nnewest-of-major=true\n')
    })
  })
})

describe('releaseNotes', () => {
  const changelog = [
    '# Changelog',
    '',
    '## Unreleased',
    '',
    '- not yet',
    '',
    '## [1.2.30] - 2025-03-01',
    '',
    '- thirty',
    '',
    '## 1.2.3 - 2025-02-01',
    '',
    '### Fixed',
    '',
    '- a fix',
    '',
    '## [1.2.0]',
    '',
    '- the first'
  ].join('\n')

  it('takes the section under the version’s heading, with or without brackets and a date, up to the next one', () => {
    expect(releaseNotes(changelog, '1.2.3')).toBe('### Fixed\n\n- a fix\n')
    expect(releaseNotes(changelog, '1.2.30')).toBe('- thirty\n')
    expect(releaseNotes(changelog, '1.2.0')).toBe('- the first\n')
  })

  it('fails, saying what to add, for a version with no section or an empty one', () => {
    expect(() => releaseNotes(changelog, '1.2.4')).toThrow('CHANGELOG.md has no section for 1.2.4')
    expect(() => releaseNotes(changelog, '1.2')).toThrow('no section for 1.2')
    expect(() => releaseNotes('## 2.0.0\n\n## 1.0.0\n- one\n', '2.0.0')).toThrow("CHANGELOG.md's section for 2.0.0 is empty")
  })

  it('prints the notes as the workflow runs it, and fails with one line when there are none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'enforced-tls-notes-'))
    try {
      writeFileSync(join(dir, 'CHANGELOG.md'), changelog)
      const found = runTsx('scripts/release-notes.ts', ['1.2.30'], { cwd: dir })
      expect([found.status, found.stdout]).toEqual([0, '- thirty\n'])
      const missing = runTsx('scripts/release-notes.ts', ['9.9.9'], { cwd: dir })
      expect([missing.status, missing.stdout, missing.stderr.trim().split('\n').length]).toEqual([1, '', 1])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
