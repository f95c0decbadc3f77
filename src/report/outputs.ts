import * as core from '@actions/core'
import { Output } from '../constants.js'
import { formatValue, type EnforcedTls } from '../enforced-tls.js'
import type { Outcome } from '../reconcile.js'

export function setOutputs(outcome: Outcome): void {
  core.setOutput(Output.Compliant, String(outcome.compliant))
  core.setOutput(Output.Changed, String(outcome.changed))
  // A setting that could not be read is left unset rather than guessed.
  if (outcome.prior) core.setOutput(Output.Prior, settingJson(outcome.prior))
  const result = outcome.result
  if (result) {
    core.setOutput(Output.Result, settingJson(result))
    core.setOutput(Output.RequireTls, formatValue('require_tls', result.require_tls))
    core.setOutput(Output.RequireValidCert, formatValue('require_valid_cert', result.require_valid_cert))
    core.setOutput(Output.MinVersion, formatValue('version', result.version))
  }
}

/** Fields in SendGrid's order, version a JSON number, so `fromJSON` gives the API's own shape. */
export function settingJson(setting: EnforcedTls): string {
  const { require_tls, require_valid_cert, version } = setting
  return JSON.stringify({ require_tls, require_valid_cert, version })
}
