// How the hub writes SQL: a statement is its text, with `$n` placeholders, and its values, run with
// node-postgres; a statement built from parts binds each value through `Params`. The partner API's
// builders (graphql/sql/) and the core's queries use it alike. Drizzle (Payload's) only declares
// the schema Payload migrates: tables and indexes (src/db/indexes.ts, src/changes/table.ts).

/** How many distinct values `Params.oneOf` lists one by one. */
export const MEMBERS_LISTED = 8

/** A statement and its parameters. */
export type Statement = { text: string; values: unknown[] }

/**
 * The one way the partner API's SQL binds a value: `params.add(value)` keeps it and gives back its
 * placeholder (`$3`). No value is ever written into SQL text.
 */
export class Params {
  readonly values: unknown[]
  constructor(values: unknown[] = []) {
    this.values = [...values]
  }
  add(value: unknown) {
    this.values.push(value)
    return `$${this.values.length}`
  }

  /**
   * The right-hand side of a membership test, `IN ($3::text, $4::text)`, each value bound. A
   * prepared statement keeps one generic plan, made without the values: given `= ANY($3::text[])`,
   * PostgreSQL assumes ten of them, so a listing filtered by one of the library's eight topics was
   * planned to read every topic's links (160 ms at 100,000 resources, 47 with its values known).
   * Listing the placeholders tells it how many there are. Past `MEMBERS_LISTED` distinct values
   * the array is bound whole, so that a long list neither makes a statement per length nor nears
   * PostgreSQL's 65,535 parameters.
   */
  oneOf(values: readonly (string | number)[], type: 'text' | 'int') {
    const distinct = [...new Set(values)]
    if (distinct.length > MEMBERS_LISTED) return `= ANY(${this.add(distinct)}::${type}[])`
    return `IN (${distinct.map((value) => `${this.add(value)}::${type}`).join(', ')})`
  }

  /**
   * A page's row limit, the one number written into SQL text rather than bound (a checked integer,
   * so nothing a partner sends can reach the text). PostgreSQL keeps one plan for every execution
   * of a prepared statement only when it knows how many rows the plan returns: given `LIMIT $n`, it
   * assumed a tenth of the table, judged that plan dear, and planned listing (a) afresh at every
   * request (PostgreSQL's CPU for it 2.8 ms a request, 1.85 with the number; `npm run bench`,
   * 2026-11-27).
   */
  static limit(rows: number) {
    if (!Number.isSafeInteger(rows) || rows < 0) throw new RangeError(`not a row limit: ${rows}`)
    return String(rows)
  }
}
