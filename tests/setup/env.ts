// Runs in every test worker before the test files import the Payload config.
import { inject } from 'vitest'

process.env.DATABASE_URL = inject('databaseUrl')
process.env.PAYLOAD_SECRET = inject('payloadSecret')
process.env.HUB_RUN_JOBS = 'false'
