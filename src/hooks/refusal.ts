// A request the hub refuses on purpose (a bad parameter, a missing right, a file of the wrong
// type): answered with its status and message, and logged as one line, not as a stack trace.
import { APIError } from 'payload'

export class HubRefusal extends APIError {
  constructor(message: string, status: 400 | 403 | 404 | 413 | 429, field?: string) {
    super(message, status, field ? { field } : null, true)
  }
}
