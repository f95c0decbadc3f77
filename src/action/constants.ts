import { SettingName } from '../engine/settings/names.js'

/**
 * The action's contract with its workflow: the names in action.yml, kept in one place. The
 * engine's settings, under the same names, and what only a step has: the pull-request comment
 * and the rolling drift issue.
 */
export const Input = {
  ...SettingName,
  PrComment: 'pr-comment',
  DriftIssue: 'drift-issue',
  GithubToken: 'github-token',
  ExportFile: 'export-file'
} as const
export type Input = (typeof Input)[keyof typeof Input]

export enum Output {
  Compliant = 'compliant',
  Changed = 'changed',
  Prior = 'prior',
  Result = 'result',
  RequireTls = 'require-tls',
  RequireValidCert = 'require-valid-cert',
  MinVersion = 'min-version',
  Report = 'report',
  Forecast = 'forecast',
  ReportFile = 'report-file',
  ExportFile = 'export-file'
}
