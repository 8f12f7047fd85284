// `npm run media:extract-text`: reads the text of PDFs uploaded before search inside documents
// existed (see src/uploads/backfillPdfText.ts). Safe to run again: read files are skipped.
import { getPayload } from 'payload'

import config from '../../payload.config'
import { backfillPdfText } from '../uploads/backfillPdfText'

const payload = await getPayload({ config })
const count = await backfillPdfText(payload, (line) => payload.logger.info(line))
payload.logger.info(`Read the text of ${count} PDF(s).`)
process.exit(0)
