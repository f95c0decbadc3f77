/**
 * The relative links of a Markdown file and the anchors its headings get, read as GitHub renders
 * them, so a test can prove that every link between the README, docs/ and the other documents
 * leads somewhere.
 */

/** The lines GitHub renders as Markdown: fenced code blocks left out. */
function proseLines(markdown: string): string[] {
  const lines: string[] = []
  let fence: string | undefined
  for (const line of markdown.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1]
    if (fence === undefined && marker !== undefined) fence = marker
    else if (fence !== undefined && marker !== undefined && marker.startsWith(fence)) fence = undefined
    else if (fence === undefined) lines.push(line)
  }
  return lines
}

/**
 * A heading's anchor as GitHub makes it (github-slugger): its text as rendered (code spans keep
 * their content, links their text, emphasis loses its marks), in lower case, without punctuation
 * but `-` and `_`, each space a hyphen.
 */
export function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-')
}

/** Every anchor the file's headings give, a repeated one numbered as GitHub numbers it (`-1`, `-2`). */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>()
  const result = new Set<string>()
  for (const line of proseLines(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1]
    if (heading === undefined) continue
    const base = slug(heading)
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    result.add(count === 0 ? base : `${base}-${count}`)
  }
  return result
}

/** The targets of the file's inline links and images that point inside the repository: no scheme, no `//`. */
export function relativeLinks(markdown: string): string[] {
  const links: string[] = []
  for (const line of proseLines(markdown)) {
    const prose = line.replace(/(`+)[\s\S]*?\1/g, '')
    for (const match of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = match[1] ?? ''
      if (!/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('//')) links.push(target)
    }
  }
  return links
}
