/** Every `run:` script anywhere in a parsed workflow, or in a fragment of one such as a README excerpt. */
export function runScripts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(runScripts)
  if (node === null || typeof node !== 'object') return []
  return Object.entries(node).flatMap(([key, value]) => (key === 'run' && typeof value === 'string' ? [value] : runScripts(value)))
}
