/** The action's contract with its workflow: the names in action.yml, kept in one place. */
export enum Input {
  ApiKey = 'api-key',
  Mode = 'mode',
  RequireTls = 'require-tls',
  RequireValidCert = 'require-valid-cert',
  MinVersion = 'min-version',
  Subuser = 'subuser',
  AccountId = 'account-id',
  Region = 'region',
  ApiUrl = 'api-url',
  RequestTimeout = 'request-timeout',
  IncludeParent = 'include-parent',
  Concurrency = 'concurrency',
  AllowStricter = 'allow-stricter',
  PrComment = 'pr-comment',
  GithubToken = 'github-token'
}

export enum Output {
  Compliant = 'compliant',
  Changed = 'changed',
  Prior = 'prior',
  Result = 'result',
  RequireTls = 'require-tls',
  RequireValidCert = 'require-valid-cert',
  MinVersion = 'min-version',
  Report = 'report',
  ReportFile = 'report-file'
}

export const ACTION_NAME = 'sendgrid-enforced-tls-action'
/** Kept equal to package.json's version by a test; sent in the User-Agent header. */
export const ACTION_VERSION = '0.1.0'
