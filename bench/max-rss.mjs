// `node bench/max-rss.mjs SCRIPT`: runs SCRIPT in this process, then writes its peak resident
// memory in kilobytes to file descriptor 3, for the bench to read whatever SCRIPT prints.
import { writeSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

process.on('exit', () => writeSync(3, String(process.resourceUsage().maxRSS)))
await import(pathToFileURL(resolve(process.argv[2] ?? '')).href)
