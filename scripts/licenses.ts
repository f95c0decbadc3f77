/**
 * Writes dist/licenses.txt: the licence of every package bundled into dist/, found through the
 * source maps of every chunk of every bundle (the action's, and the CLI's in dist/cli). `ncc
 * --license` reads only the entry chunk and misses the packages of lazily loaded chunks
 * (node-fetch's multipart parser, @actions/github), so it is not used.
 * Run by `npm run build`; the output is sorted, so the build stays byte for byte the same.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const DIST = 'dist'
const LICENCE_FILES = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'LICENCE', 'LICENCE.md', 'license', 'license.md', 'LICENSE-MIT']

/**
 * The package directories a source map's sources lie in: the innermost node_modules/<name>, from
 * the project's root. A source climbs out of its map's folder first (`.././node_modules/…` as ncc
 * writes it, `../node_modules/…` or `../../node_modules/…` as scripts/minify-packages.ts does): the
 * part from the first `node_modules/` on names the package, wherever the map lies.
 */
function packageDirs(map: { sources: string[] }): string[] {
  const dirs = new Set<string>()
  for (const source of map.sources) {
    const at = source.indexOf('node_modules/')
    const match = at < 0 ? null : /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(source.slice(at))
    if (match?.[1]) dirs.add(match[1])
  }
  return [...dirs]
}

const dirs = new Set<string>()
const maps = readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.js.map'))
for (const file of maps) {
  for (const dir of packageDirs(JSON.parse(readFileSync(join(DIST, file), 'utf8')) as { sources: string[] })) dirs.add(dir)
}

const entries = [...dirs].map((dir) => {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string; license?: string }
  const file = LICENCE_FILES.find((name) => existsSync(join(dir, name)))
  const text = file
    ? readFileSync(join(dir, file), 'utf8').trim()
    : `(no licence file in the package; package.json says: ${pkg.license ?? 'nothing'})`
  return { id: `${pkg.name}@${pkg.version}`, license: pkg.license ?? 'unknown', text }
})
const unique = [...new Map(entries.map((e) => [e.id, e])).values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))

const out = [
  'Third-party software bundled into dist/ by the SendGrid Enforced TLS action, with its licences.',
  '',
  ...unique.flatMap((e) => [`${'='.repeat(78)}`, `${e.id} (${e.license})`, '', e.text, ''])
].join('\n')
writeFileSync(join(DIST, 'licenses.txt'), out)
console.log(`dist/licenses.txt: ${unique.length} packages`)
