/** Each edition's deliveries, one row per recipient (src/db/sharedTables.ts, src/newsletters/sender.ts). */
export const DELIVERIES_TABLE = 'hub_newsletter_deliveries'
