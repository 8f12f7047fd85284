// Statements as every builder in sql/ hands them to the pool, and how they bind values.

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
}
