/**
 * Anything thrown, as a message or as an Error: errors from Node's own modules may come from
 * another realm under test (not `instanceof Error`), and a library may throw a string.
 */
export function messageOf(error: unknown): string {
  const text = typeof error === 'object' && error !== null && 'message' in error ? error.message : undefined
  return typeof text === 'string' ? text : String(error)
}

export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(messageOf(error))
}
