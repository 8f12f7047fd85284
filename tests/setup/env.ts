// Runs in every test worker before the test files import the Payload config.
import { inject } from 'vitest'

process.env.DATABASE_URL = inject('databaseUrl')
process.env.PAYLOAD_SECRET = inject('payloadSecret')
process.env.HUB_RUN_JOBS = 'false'
// Every test file reads the partner API from the same address, at once: budgets would make them
// fail one another. tests/int/partnerBudgets.test.ts gives its own API small budgets.
process.env.PARTNER_ANONYMOUS_BUDGET = '1000000000'
