/**
 * Rewrites each module that ncc bundles from `((module, exports, require) => {` to
 * `(function (module, exports, require) {`, in every bundle and chunk in dist/.
 *
 * Why: V8 compiles a function lazily unless it is a parenthesized `function` expression, which
 * it takes to be called at once (its PIFE heuristic). An arrow wrapper is pre-parsed when its
 * chunk loads and parsed again in full when the module first runs, so every module's text is
 * read twice; the `function` wrapper is compiled once, as the chunk loads. On the policy-file
 * path, which loads the `yaml` package's chunk, this took about 4 ms off a cold start (measured
 * with CPU profiles and `npm run bench`). webpack writes the same `function` wrapper for a target
 * without arrow functions, but ncc's `--target` cannot ask for that and still emit ES modules.
 *
 * The two wrappers run a module alike: the runtime calls it with `this` set to its exports, as
 * Node runs a CommonJS module, and webpack has already replaced `this` in an ES module. The
 * wrapper lines carry no source-map mappings, so the maps stay exact.
 * Run by `npm run build`, after ncc.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const DIST = 'dist'
const ARROW_WRAPPER = /^\/\*\*\*\/ \(\(([\w$, ]*)\) => \{$/gm
/** Any module wrapper, whatever its form: one the rewrite misses means ncc changed its output. */
const ANY_WRAPPER = /^\/\*\*\*\/ \(\(/gm

const bundles = readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.js'))
let rewritten = 0
for (const name of bundles) {
  const file = join(DIST, name)
  const text = readFileSync(file, 'utf8')
  const eager = text.replace(ARROW_WRAPPER, (_, params: string) => {
    rewritten++
    return `/***/ (function (${params}) {`
  })
  const missed = eager.match(ANY_WRAPPER)?.length ?? 0
  if (missed > 0) throw new Error(`${file}: ${missed} module wrappers of an unknown form; update scripts/eager-modules.ts`)
  if (eager !== text) writeFileSync(file, eager)
}
if (rewritten === 0) throw new Error(`no module wrapper found in ${DIST}/: ncc changed its output; update scripts/eager-modules.ts`)
