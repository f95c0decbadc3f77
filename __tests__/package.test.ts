/**
 * The npm package as a user gets it: `npm pack` of the repository as it stands (dist/ as built),
 * installed offline into a project of its own, and its `sendgrid-enforced-tls` command run against
 * the stand-in on the Node running the tests (CI runs them on every Node `engines` claims).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { parse } from 'yaml'
import { PRODUCT_VERSION } from '../src/core/product.js'
import { SCHEMA_URL } from '../src/engine/policy/schema.js'
import { DEFAULT_STAND_IN_KEY, startStandIn, type StandIn } from '../stand-in/server.js'

interface PackageJson {
  name: string
  version: string
  private?: boolean
  bin: Record<string, string>
  files: string[]
  engines: { node: string }
  dependencies?: Record<string, string>
}
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as PackageJson
const COMMAND = 'sendgrid-enforced-tls'

/** What `npm pack --json` says of the tarball it made. */
interface Packed {
  filename: string
  size: number
  unpackedSize: number
  files: { path: string }[]
}

/** The tarball stays small: what it holds today is about 275 kB, 1.0 MB unpacked. */
const MAX_PACKED_BYTES = 400_000
const MAX_UNPACKED_BYTES = 1_500_000

/**
 * npm as a user runs it: none of the `npm_*` variables `npm test` sets (they would configure the
 * inner npm), no NODE_OPTIONS of jest's, no update notice, and a cache of its own, so the user's
 * cache is not touched and the install cannot reach for anything the tarball does not hold.
 */
function npmEnv(cache: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && name !== 'NODE_OPTIONS'))
  return { ...env, npm_config_cache: cache, npm_config_update_notifier: 'false' }
}

function npm(args: string[], cwd: string, cache: string): { stdout: string; stderr: string } {
  const run = spawnSync('npm', args, { cwd, env: npmEnv(cache), encoding: 'utf8', timeout: 60000 })
  if (run.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${run.status}):\n${run.stderr}`)
  return { stdout: run.stdout, stderr: run.stderr }
}

describe('package metadata', () => {
  it('sends the released version in the User-Agent', () => {
    expect(PRODUCT_VERSION).toBe(pkg.version)
  })

  it('is public, with its command, and depends on nothing at run time: ncc bundles it all', () => {
    expect(pkg.name).toBe(COMMAND)
    expect(pkg.private).toBeUndefined()
    expect(pkg.bin).toEqual({ [COMMAND]: 'dist/cli/index.js' })
    expect(pkg.dependencies).toBeUndefined()
  })

  it('claims the Node versions CI proves: engines starts at the oldest of the matrix', () => {
    const ci = parse(readFileSync('.github/workflows/ci.yml', 'utf8')) as {
      jobs: { check: { strategy: { matrix: { node: number[] } } } }
    }
    const nodes = ci.jobs.check.strategy.matrix.node
    expect(nodes).toEqual(expect.arrayContaining([20, 22, 24]))
    expect(pkg.engines.node).toBe(`>=${Math.min(...nodes)}`)
  })
})

describe('the npm package, packed, installed offline and run', () => {
  let dir: string
  let packed: Packed
  let install: { stdout: string; stderr: string }
  let project: string
  let standIn: StandIn

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'enforced-tls-package-'))
    const cache = join(dir, 'cache')
    packed = (JSON.parse(npm(['pack', '--json', '--pack-destination', dir], process.cwd(), cache).stdout) as [Packed])[0]
    project = join(dir, 'project')
    mkdirSync(project)
    writeFileSync(join(project, 'package.json'), '{ "private": true }\n')
    install = npm(['install', '--offline', '--no-audit', '--no-fund', join(dir, packed.filename)], project, cache)
    standIn = await startStandIn({ subusers: { ops: { require_tls: true, require_valid_cert: false } } })
  }, 60000)

  afterAll(async () => {
    await standIn?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  /** The installed command, through the link npm made, on this Node; asynchronous, so the stand-in can answer. */
  function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const env = {
      PATH: [dirname(process.execPath), process.env['PATH']].join(delimiter),
      SENDGRID_API_KEY: DEFAULT_STAND_IN_KEY,
      NO_COLOR: '1'
    }
    return new Promise((resolve) => {
      execFile(join(project, 'node_modules', '.bin', COMMAND), args, { cwd: project, env, timeout: 15000 }, (error, stdout, stderr) =>
        resolve({ code: typeof error?.code === 'number' ? error.code : error ? -1 : 0, stdout, stderr })
      )
    })
  }
  const against = (command: string, ...flags: string[]) => [command, '--api-url', standIn.url, ...flags]

  it('holds the CLI bundle with every chunk it loads, the schema, the licences and the docs: no sources, tests, stand-in, maps or action bundle', () => {
    const chunks = readdirSync('dist/cli').filter((name) => name.endsWith('.js'))
    expect(chunks).toContain('index.js')
    expect(packed.files.map((file) => file.path).sort()).toEqual(
      [
        ...chunks.map((name) => `dist/cli/${name}`),
        'dist/licenses.txt',
        'policy.schema.json',
        'README.md',
        'LICENSE',
        'CHANGELOG.md',
        'package.json'
      ].sort()
    )
    expect(packed.size).toBeLessThan(MAX_PACKED_BYTES)
    expect(packed.unpackedSize).toBeLessThan(MAX_UNPACKED_BYTES)
  })

  it('installs offline with no warning, and brings no other package', () => {
    expect(install.stderr.split('\n').filter((line) => /warn|err/i.test(line))).toEqual([])
    expect(install.stdout).toMatch(/^added 1 package\b/m)
    expect(readdirSync(join(project, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual([COMMAND])
  })

  it('prints its version', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${COMMAND} ${pkg.version}\n`, stderr: '' })
  })

  it('verifies, plans, applies and exports against the stand-in, and verifies its own export', async () => {
    const policy = ['--require-tls', 'true', '--subuser', '*', '--include-parent', '--forecast', 'off']
    const verify = await run(against('verify', ...policy))
    expect(verify.stdout).toMatch(/^\(parent account\) +drift +false → true/m)
    expect([verify.code, verify.stderr]).toEqual([2, ''])

    const plan = await run(against('plan', ...policy))
    expect(plan.stdout).toMatch(/^\(parent account\) +.*false → true/m)
    expect(plan.code).toBe(2)
    expect(standIn.setting('parent')?.require_tls).toBe(false)

    const apply = await run(against('apply', ...policy))
    expect([apply.code, apply.stderr]).toEqual([0, ''])
    expect(standIn.setting('parent')?.require_tls).toBe(true)

    const exported = await run(against('export', '--subuser', '*', '--include-parent', '--export-file', 'policy.yml'))
    expect(exported.code).toBe(0)
    const file = readFileSync(join(project, 'policy.yml'), 'utf8')
    expect(file.split('\n')[0]).toBe(`# yaml-language-server: $schema=${SCHEMA_URL}`)

    // The policy file's path loads the YAML parser's chunk: it must be in the package too.
    const again = await run(against('verify', '--policy-file', 'policy.yml'))
    expect([again.code, again.stderr]).toEqual([0, ''])
  })
})
