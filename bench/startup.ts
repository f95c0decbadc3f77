/**
 * `npm run bench`: how long one cold `node dist/index.js` in verify mode takes against the local
 * stand-in, next to a bare `node -e 0`, so the figure is the action's own cost, not Node's.
 * Runs are interleaved and the median is reported; set BENCH_RUNS to change their number.
 */
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { runAction } from '../src/stand-in/runner.js'
import { DEFAULT_STAND_IN_KEY, startStandIn } from '../src/stand-in/server.js'

const RUNS = Number(process.env['BENCH_RUNS'] ?? 30)
const ACTION = resolve('dist/index.js')

async function time(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint()
  await work()
  return Number(process.hrtime.bigint() - start) / 1e6
}

function bareNode(): Promise<void> {
  return new Promise((done, fail) => {
    spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' }).on('close', () => done()).on('error', fail)
  })
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

const standIn = await startStandIn({ parent: { require_tls: true, require_valid_cert: false, version: 1.2 } })
try {
  const inputs = { 'api-key': DEFAULT_STAND_IN_KEY, 'api-url': standIn.url, mode: 'verify', 'require-tls': 'true', 'min-version': '1.2' }
  const check = await runAction(ACTION, inputs)
  if (check.exitCode !== 0 || check.outputs['compliant'] !== 'true') {
    throw new Error(`The action did not verify against the stand-in:\n${check.stdout}${check.stderr}`)
  }
  const node: number[] = []
  const action: number[] = []
  for (let i = 0; i < RUNS; i++) {
    node.push(await time(bareNode))
    action.push(await time(() => runAction(ACTION, inputs)))
  }
  const [n, a] = [median(node), median(action)]
  console.log(`cold start, median of ${RUNS} interleaved runs on Node ${process.version}:`)
  console.log(`  node -e 0                          ${n.toFixed(0).padStart(5)} ms`)
  console.log(`  node dist/index.js (verify, 1 GET) ${a.toFixed(0).padStart(5)} ms`)
  console.log(`  the action's own cost              ${(a - n).toFixed(0).padStart(5)} ms`)
} finally {
  await standIn.close()
}
