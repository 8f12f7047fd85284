// The one password rule of the hub, shared by the Users collection and the environment check of
// the bootstrap admin (HUB_ADMIN_PASSWORD). No imports: src/env.ts loads it before anything else.

export const PASSWORD_MIN_LENGTH = 12

export const PASSWORD_RULE = `must be at least ${PASSWORD_MIN_LENGTH} characters long`

/** What is wrong with a password, or undefined when it keeps the rule. Counts characters, not bytes. */
export const passwordProblem = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return 'must be text'
  if ([...value].length < PASSWORD_MIN_LENGTH) return PASSWORD_RULE
  return undefined
}
