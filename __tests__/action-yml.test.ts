/** action.yml is the contract; the code's input and output names must be exactly its names. */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import { parse } from 'yaml'
import { Input, Output } from '../src/action/constants.js'

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
    expect(
      Object.entries(action.inputs)
        .filter(([, meta]) => meta.required)
        .map(([name]) => name)
    ).toEqual([Input.ApiKey])
  })

  it('runs the committed bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })
})

describe('action.yml against SchemaStore’s schema for action metadata', () => {
  it('is valid', () => {
    const schema = JSON.parse(readFileSync('__tests__/fixtures/github-action.schema.json', 'utf8')) as object
    // The schema uses draft-07 keywords beyond Ajv's strict vocabulary; strictness here is about the schema, not action.yml.
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema)
    const valid = validate(action)
    expect(validate.errors ?? []).toEqual([])
    expect(valid).toBe(true)
  })
})
