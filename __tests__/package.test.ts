import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { PRODUCT_VERSION } from '../src/core/product.js'

describe('package metadata', () => {
  it('sends the released version in the User-Agent', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    expect(PRODUCT_VERSION).toBe(pkg.version)
  })
})
