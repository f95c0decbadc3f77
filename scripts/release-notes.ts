/**
 * `npx tsx scripts/release-notes.ts 1.2.3 [CHANGELOG.md]`: prints the changelog's section for that
 * version, which the release workflow publishes as the GitHub release's notes. A version without
 * a section, or with an empty one, is an error: a release should never go out saying nothing.
 */
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

/** The lines under `## 1.2.3` or `## [1.2.3]` (either maybe followed by ` - date`), up to the next heading of that level. */
export function releaseNotes(changelog: string, version: string): string {
  const v = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const heading = new RegExp(`^## (?:${v}|\\[${v}\\])(?:\\s+[-–—]\\s+.*)?\\s*$`)
  const lines = changelog.split(/\r?\n/)
  const start = lines.findIndex((line) => heading.test(line))
  if (start < 0) {
    throw new Error(
      `CHANGELOG.md has no section for ${version}: rename "## Unreleased" to "## ${version}" (or add that heading) before tagging.`
    )
  }
  const section = lines.slice(start + 1)
  const end = section.findIndex((line) => /^#{1,2} /.test(line))
  const notes = (end < 0 ? section : section.slice(0, end)).join('\n').trim()
  if (!notes) throw new Error(`CHANGELOG.md's section for ${version} is empty: say what the release changes.`)
  return `${notes}\n`
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [version, file = 'CHANGELOG.md'] = process.argv.slice(2)
  try {
    if (!version) throw new Error('Usage: tsx scripts/release-notes.ts <version> [changelog], e.g. 1.2.3')
    process.stdout.write(releaseNotes(readFileSync(file, 'utf8'), version))
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  }
}
