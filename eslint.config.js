// ESLint flat config: the recommended and type-aware rules of typescript-eslint over the sources,
// tests, scripts and bench; dist/ is generated and not linted.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

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
  {
    // The engine, the SendGrid client and the reports know nothing of GitHub: the faces do.
    files: ['src/engine/**/*.ts', 'src/sendgrid/**/*.ts', 'src/report/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@actions/*'],
              message: 'Only the action face (src/action/) may use @actions/*: the engine runs under any CI and on a laptop.'
            },
            { group: ['**/action/*'], message: 'The engine, the reports and the CLI do not depend on the action face.' }
          ]
        }
      ]
    }
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } }
  }
)
