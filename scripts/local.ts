/**
 * `npm run local`: runs src/action/main.ts under @github/local-action with the inputs in .env. Without
 * .env, local-action would stop with a stack trace that does not say what is missing, so this
 * says it first, in one line. Looks in the directory it is run from, as npm runs it from the root.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'

const MISSING_ENV =
  'No .env file: copy the example (cp .env.example .env), then start the stand-in in another terminal (npm start -- --serve --port 8080).'

if (!existsSync('.env')) {
  console.error(MISSING_ENV)
  process.exitCode = 1
} else {
  const child = spawn('local-action', ['.', 'src/action/main.ts', '.env'], { stdio: 'inherit' })
  child.on('error', (error: NodeJS.ErrnoException) => {
    console.error(error.code === 'ENOENT' ? 'local-action is not installed: run npm ci.' : error.message)
    process.exitCode = 1
  })
  // A run ended by a signal has no exit code; it failed all the same.
  child.on('exit', (code) => (process.exitCode = code ?? 1))
}
