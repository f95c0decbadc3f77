/** What users read is what the action declares: the README's tables come from action.yml. */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { updateReadme } from '../scripts/docs.js'

describe('README', () => {
  it('lists the inputs and outputs exactly as action.yml declares them (npm run docs)', () => {
    const readme = readFileSync('README.md', 'utf8')
    expect(updateReadme(readme, readFileSync('action.yml', 'utf8'))).toBe(readme)
  })
})
