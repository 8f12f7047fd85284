// `Query.rateLimit`: where the caller stands in its budget (graphql/budgets.ts), this operation's
// cost already counted.
import type { Resolvers } from '../../generated/resolvers'
import { WINDOW_SECONDS } from '../../budgets'

export const budgetResolvers: Resolvers = {
  Query: {
    rateLimit: (_, __, ctx) => {
      ctx.noStore()
      const standing = ctx.standing()
      return {
        policy: standing?.policy ?? (ctx.caller?.key?.tier || 'anonymous'),
        limit: standing?.limit ?? null,
        remaining: standing?.remaining ?? null,
        resetInSeconds: standing?.resetSeconds ?? WINDOW_SECONDS,
        windowSeconds: WINDOW_SECONDS,
      }
    },
  },
}
