/**
 * What of a Markdown document GitHub would render as Markdown rather than show as code, read the
 * way CommonMark and GFM read it, closely enough to prove that quoted text cannot become a link,
 * an image, an @mention or HTML, nor break a table.
 */

/** The text outside inline code spans, line by line, each table row cut into cells as GFM cuts it. */
export function liveText(markdown: string): string {
  return markdown
    .split('\n')
    .flatMap((line) => (line.startsWith('|') ? cellsOf(line).map((cell) => cell.replace(/\\\|/g, '|')) : [line]))
    .map(outsideCodeSpans)
    .join('\n')
}

/** Rows with another number of cells than their table's header: a pipe in quoted text split them. */
export function brokenRows(markdown: string): string[] {
  const broken: string[] = []
  let header: number | undefined
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) header = undefined
    else if (header === undefined) header = cellsOf(line).length
    else if (cellsOf(line).length !== header) broken.push(line)
  }
  return broken
}

/** GFM splits a row at every pipe that no backslash escapes, inside code spans too. */
function cellsOf(row: string): string[] {
  const cells = ['']
  for (let i = 0; i < row.length; i++) {
    const char = row[i] ?? ''
    if (char === '\\') {
      cells[cells.length - 1] += row.slice(i, i + 2)
      i++
    } else if (char === '|') cells.push('')
    else cells[cells.length - 1] += char
  }
  return cells.slice(1, -1)
}

/** A run of n backticks opens a code span only if a run of exactly n closes it; a run a backslash escapes is text. */
function outsideCodeSpans(line: string): string {
  let live = ''
  let i = 0
  while (i < line.length) {
    if (line[i] === '\\') {
      live += line.slice(i, i + 2)
      i += 2
      continue
    }
    if (line[i] !== '`') {
      live += line[i]
      i++
      continue
    }
    const fence = /^`+/.exec(line.slice(i))?.[0] ?? '`'
    const close = closingRun(line, i + fence.length, fence.length)
    if (close === undefined) {
      live += fence
      i += fence.length
    } else {
      i = close + fence.length
    }
  }
  return live
}

function closingRun(line: string, from: number, length: number): number | undefined {
  const runs = /`+/g
  runs.lastIndex = from
  for (let run = runs.exec(line); run; run = runs.exec(line)) if (run[0].length === length) return run.index
  return undefined
}
