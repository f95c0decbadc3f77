/** What a run does: proves compliance, shows what would change, makes it so, or pins what is there. */
export const MODES = ['verify', 'plan', 'apply', 'export'] as const
export type Mode = (typeof MODES)[number]
