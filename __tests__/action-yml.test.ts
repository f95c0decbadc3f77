/** action.yml is the contract; the code's input and output names must be exactly its names. */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { Input, Output } from '../src/constants.js'

interface ActionMetadata {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}

const action = parse(readFileSync('action.yml', 'utf8')) as ActionMetadata

describe('action.yml', () => {
  it('declares exactly the inputs the code reads', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.values(Input).sort())
  })

  it('declares exactly the outputs the code sets', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(Object.values(Output).sort())
  })

  it('describes every input and output, and requires only the key', () => {
    for (const meta of [...Object.values(action.inputs), ...Object.values(action.outputs)]) expect(meta.description).toBeTruthy()
    expect(Object.entries(action.inputs).filter(([, meta]) => meta.required).map(([name]) => name)).toEqual([Input.ApiKey])
  })

  it('runs the committed bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })
})
