/**
 * `--api-key-file`: a file on disk, or a pipe, so that a key from a password manager never sits on
 * disk (`--api-key-file /dev/stdin`, `<(pass show sendgrid)`). Real FIFOs and real pipes, in a
 * temporary folder each test removes; read up to a bound and no further, and never echoed.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile, execFileSync } from 'node:child_process'
import { closeSync, constants, openSync } from 'node:fs'
import { chmod, mkdtemp, open, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { DEFAULT_STAND_IN_KEY, startStandIn, type StandIn } from '../stand-in/server.js'
import { cli, type CliRun } from './helpers/cli.js'

const NOT_THE_KEY = 'SG.other.key'
let standIn: StandIn
let dir: string
beforeEach(async () => {
  standIn = await startStandIn()
  dir = await mkdtemp(join(tmpdir(), 'enforced-tls-key-'))
})
afterEach(async () => {
  await standIn.close()
  await rm(dir, { recursive: true, force: true })
})

/** verify against the stand-in with the key from `path`; the environment holds another. */
function verifyWithKeyFrom(path: string, signal?: AbortSignal): Promise<CliRun> {
  return cli(['verify', '--api-url', standIn.url, '--require-tls', '--api-key-file', path], {
    env: { SENDGRID_API_KEY: NOT_THE_KEY },
    signal
  })
}

function fifo(): string {
  const path = join(dir, 'fifo')
  execFileSync('mkfifo', [path])
  return path
}

/**
 * Lets go of a writer still waiting for a reader (the CLI gave up on the FIFO without opening it
 * for long): a reader that opens and closes at once ends the wait, so no test hangs when it fails.
 */
function release(path: string): void {
  closeSync(openSync(path, constants.O_RDONLY | constants.O_NONBLOCK))
}

/** The writer's side of a FIFO: `text` written once a reader opens it, a reader that hangs up early forgiven. */
async function feed(path: string, text: string): Promise<void> {
  await writeFile(path, text).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
  })
}

describe('a file on disk', () => {
  it('is read whole, trimmed, and wins over the environment', async () => {
    const file = join(dir, 'key')
    await writeFile(file, `${DEFAULT_STAND_IN_KEY}\n`)
    const result = await verifyWithKeyFrom(file)
    expect(result.code).toBe(2)
    expect(standIn.requests[0]?.headers.authorization).toBe(`Bearer ${DEFAULT_STAND_IN_KEY}`)
  })

  it('that others than its owner may read draws a warning, as ssh does of a private key, and the run goes on', async () => {
    const file = join(dir, 'key')
    await writeFile(file, DEFAULT_STAND_IN_KEY)
    await chmod(file, 0o644)
    const shared = await verifyWithKeyFrom(file)
    expect([shared.code, shared.stderr]).toEqual([
      2,
      'warning: the file given to --api-key-file is open to others than its owner (permissions 0644): chmod 600 it, as ssh asks of a private key\n'
    ])
    await chmod(file, 0o600)
    const closed = await verifyWithKeyFrom(file)
    expect([closed.code, closed.stderr]).toEqual([2, ''])
  })

  it('says why it will not do, without echoing its path (a key pasted there is a path)', async () => {
    await writeFile(join(dir, 'empty'), '\n')
    await writeFile(join(dir, 'big'), 'x'.repeat(100_000))
    for (const [path, why] of [
      [join(dir, 'none'), 'does not exist'],
      [join(dir, 'empty'), 'is empty: it should hold the API key'],
      [join(dir, 'big'), 'is 100000 bytes, more than one key takes (4096 at most)'],
      [dir, 'is a directory: give a file or a pipe that holds one key']
    ] as const) {
      const result = await verifyWithKeyFrom(path)
      expect([result.code, result.stderr]).toEqual([1, `error: The file given to --api-key-file ${why}\n`])
    }
    expect(standIn.requests).toEqual([])
  })
})

describe('a pipe or a device', () => {
  it('is read from a FIFO as its writer writes it', async () => {
    const path = fifo()
    const writing = feed(path, `${DEFAULT_STAND_IN_KEY}\n`)
    const result = await verifyWithKeyFrom(path)
    release(path)
    await writing
    expect([result.code, result.stderr]).toEqual([2, ''])
    expect(standIn.requests[0]?.headers.authorization).toBe(`Bearer ${DEFAULT_STAND_IN_KEY}`)
  })

  it('is refused past the bound, which is as far as it is read: a FIFO with too much, a device that never ends, one that is empty', async () => {
    const path = fifo()
    const writing = feed(path, 'x'.repeat(1024 * 1024))
    const tooMuch = await verifyWithKeyFrom(path)
    release(path)
    await writing
    const endless = await verifyWithKeyFrom('/dev/zero')
    const empty = await verifyWithKeyFrom('/dev/null')
    expect([tooMuch, endless, empty].map((run) => [run.code, run.stderr])).toEqual([
      [1, 'error: The file given to --api-key-file holds more than one key takes (4096 bytes at most)\n'],
      [1, 'error: The file given to --api-key-file holds more than one key takes (4096 bytes at most)\n'],
      [1, 'error: The file given to --api-key-file is empty: it should hold the API key\n']
    ])
    expect(standIn.requests).toEqual([])
  })

  it('that nobody writes to is waited for until the run is cancelled', async () => {
    const path = fifo()
    const cancel = new AbortController()
    const running = verifyWithKeyFrom(path, cancel.signal)
    // The writer's side opens once the CLI holds the reader's: the CLI is waiting for the key.
    const writer = open(path, 'w')
    await Promise.race([writer, running])
    cancel.abort()
    const result = await running
    release(path)
    await (await writer).close()
    expect([result.code, result.stdout, result.stderr]).toEqual([
      1,
      '',
      'error: The file given to --api-key-file was not read to its end: the run was cancelled\n'
    ])
    expect(standIn.requests).toEqual([])
  })
})

describe('/dev/stdin, with the CLI a child process whose stdin is a pipe', () => {
  /** `writer | sendgrid-enforced-tls verify --api-key-file /dev/stdin`, run by a shell as a user would; asynchronous, so the stand-in can answer. */
  function pipedInto(writer: string): Promise<CliRun> {
    const cli = `"${resolve('node_modules/.bin/tsx')}" "${resolve('src/cli/index.ts')}"`
    const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], KEY: DEFAULT_STAND_IN_KEY }
    return new Promise((done) => {
      execFile(
        'sh',
        ['-c', `${writer} | ${cli} verify --api-url ${standIn.url} --require-tls --api-key-file /dev/stdin`],
        { env, timeout: 15000 },
        (error, stdout, stderr) => done({ code: typeof error?.code === 'number' ? error.code : error ? -1 : 0, stdout, stderr })
      )
    })
  }

  it('takes the key piped in', async () => {
    const result = await pipedInto('printf "%s\\n" "$KEY"')
    expect([result.code, result.stderr]).toEqual([2, ''])
    expect(result.stdout).toContain('Drift: the parent account does not match the policy.')
    expect(result.stdout).not.toContain(DEFAULT_STAND_IN_KEY)
    expect(standIn.requests[0]?.headers.authorization).toBe(`Bearer ${DEFAULT_STAND_IN_KEY}`)
  })

  it('stops reading a pipe that never ends at the bound, and refuses it', async () => {
    const result = await pipedInto('yes "$KEY"')
    expect([result.code, result.stdout]).toEqual([1, ''])
    expect(result.stderr).toBe('error: The file given to --api-key-file holds more than one key takes (4096 bytes at most)\n')
    expect(standIn.requests).toEqual([])
  })
})
