// ESLint flat config: the recommended and type-aware rules of typescript-eslint over the sources,
// tests, scripts and bench; dist/ is generated and not linted.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/**
 * The floors of src/, lowest first: primitives every floor needs, the SendGrid API, the engine
 * that drives a run, its renderings, and the two faces side by side. A file imports only from
 * its own floor and those below; the faces never import each other; only the action face may
 * use @actions/*, since everything under it runs under any CI and on a laptop.
 */
const FLOORS = [['core'], ['sendgrid'], ['engine'], ['report'], ['action', 'cli']]

function floors() {
  return FLOORS.map((floor, level) => {
    const above = FLOORS.slice(level + 1).flat()
    const beside = floor.length > 1 ? floor : []
    return floor.map((folder) => {
      const forbidden = [...above, ...beside.filter((other) => other !== folder)]
      const patterns = forbidden.map((other) => ({
        group: [`**/${other}/*`, `**/${other}/**`],
        message: `Floors (eslint.config.js): src/${folder}/ may not import from src/${other}/, ${above.includes(other) ? 'a floor above it' : 'the other face'}. Move what both need down to a floor they share.`
      }))
      if (folder !== 'action') {
        patterns.push({
          group: ['@actions/*'],
          message:
            'Floors (eslint.config.js): only the action face (src/action/) may use @actions/*: the rest runs under any CI and on a laptop.'
        })
      }
      return { files: [`src/${folder}/**/*.ts`], rules: { 'no-restricted-imports': ['error', { patterns }] } }
    })
  }).flat()
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      // The control-character checks on header values are deliberate.
      'no-control-regex': 'off'
    }
  },
  // The floors of the house, each importing only from those below it.
  ...floors(),
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } }
  }
)
