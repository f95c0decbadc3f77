/**
 * Minifies each lazily loaded chunk in dist/ that holds only packages from node_modules (the
 * `yaml` package a policy file loads, @actions/github, node-fetch's multipart parser), with its
 * source map carried through, so the map still names the packages' own files.
 *
 * Why: a chunk's cost at start-up grows with its text, which V8 reads once to compile the chunk
 * and again for each function the run calls. The `yaml` chunk, 290 KB as ncc writes it (ncc's
 * `--minify` reaches only the entry file), is 115 KB minified: about 3 ms less on a cold start
 * with a policy file (CPU profiles and `npm run bench`). This project's own code, in the entry and
 * in its chunks, stays as written, for a reader of dist/. esbuild keeps the parentheses around the
 * module wrappers (scripts/eager-modules.ts, run first), so V8 still compiles them once.
 * Run by `npm run build`, after ncc and scripts/eager-modules.ts, before scripts/licenses.ts.
 */
import { build } from 'esbuild'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'

const DIST = 'dist'
/** An entry file (index.js) holds this project's code; only chunks (`<id>.index.js`) may be packages alone. */
const CHUNK = /(^|\/)\d+\.index\.js$/

function holdsOnlyPackages(file: string): boolean {
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] }
  return map.sources.length > 0 && map.sources.every((source) => source.includes('/node_modules/'))
}

const chunks = readdirSync(DIST, { recursive: true, encoding: 'utf8' })
  .filter((name) => CHUNK.test(name))
  .map((name) => join(DIST, name))
  .filter(holdsOnlyPackages)
for (const file of chunks) {
  // The chunk's `//# sourceMappingURL` comment leads esbuild to ncc's map, which it carries through.
  await build({
    entryPoints: [file],
    outfile: file,
    allowOverwrite: true,
    minify: true,
    // A package may read a function's or a class's name (an error's, a constructor's): minified, it keeps it.
    keepNames: true,
    format: 'esm',
    target: 'es2022',
    sourcemap: 'linked',
    logLevel: 'warning'
  })
  anchorSources(`${file}.map`)
}
if (chunks.length === 0)
  throw new Error(`no chunk of packages alone in ${DIST}/: ncc changed its output; update scripts/minify-packages.ts`)

/**
 * Writes each source of a map as the path from the map's folder to the package file it came from.
 * esbuild resolves the sources of the map it carries through sometimes against that map's folder and
 * sometimes against the working directory (the same build gave `../node_modules/…` in one clone and
 * `../../node_modules/…` in another), so the built maps, which CI compares byte for byte, and the
 * licence list would depend on where the clone lies. The part from `node_modules/` on is the fact.
 */
function anchorSources(mapFile: string): void {
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[] }
  const toRoot = relative(dirname(mapFile), '.')
  map.sources = map.sources.map((source) => {
    const at = source.indexOf('node_modules/')
    if (at < 0) throw new Error(`${mapFile}: source ${source} is not in node_modules; update scripts/minify-packages.ts`)
    return `${toRoot}/${source.slice(at)}`
  })
  writeFileSync(mapFile, JSON.stringify(map))
}
