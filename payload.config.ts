// The hub assembled in one place: collections, locales, database, editor, admin.
import { postgresAdapter } from '@payloadcms/db-postgres'
import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { ar } from '@payloadcms/translations/languages/ar'
import { en } from '@payloadcms/translations/languages/en'
import { es } from '@payloadcms/translations/languages/es'
import { fr } from '@payloadcms/translations/languages/fr'
import path from 'node:path'
import type pg from 'pg'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { Audiences } from './collections/Audiences'
import { Events } from './collections/Events'
import { Media } from './collections/Media'
import { MEDIA_MAX_BYTES } from './src/uploads/limits'
import { News } from './collections/News'
import { Newsletters } from './collections/Newsletters'
import { Organisations } from './collections/Organisations'
import { People } from './collections/People'
import { PublicationTypes } from './collections/PublicationTypes'
import { Resources } from './collections/Resources'
import { Standards } from './collections/Standards'
import { Themes } from './collections/Themes'
import { Topics } from './collections/Topics'
import { Translations } from './collections/Translations'
import { Users } from './collections/Users'
import { WebhookDeliveries } from './collections/WebhookDeliveries'
import { Webhooks } from './collections/Webhooks'
import { Partners } from './collections/Partners'
import { ApiKeys } from './collections/ApiKeys'
import { Consents } from './collections/Consents'
import { NewsletterSends } from './collections/NewsletterSends'
import { Subscribers } from './collections/Subscribers'
import { WorkingGroups } from './collections/WorkingGroups'
import { recordChangesOf } from './src/changes/record'
import { addChangeLog } from './src/changes/table'
import { addSharedTables } from './src/db/sharedTables'
import { addTextChanges } from './src/freshness/table'
import { addReadIndexes } from './src/db/indexes'
import { survivePoolErrors } from './src/db/outage'
import { mailSender, mailTransport } from './src/mail/transport'
import { answerBulkRefusalsAsLists } from './src/hooks/bulkActions'
import { explainBadRequests } from './src/hooks/explainBadRequests'
import { explainDatabaseOutage } from './src/hooks/explainDatabaseOutage'
import { explainRefusals } from './src/hooks/explainRefusals'
import { withHubRules } from './src/hooks/hubRules'
import { countedPg } from './src/db/countedPg'
import { env } from './src/env'
import { DEFAULT_LOCALE, LOCALES } from './src/locales'
import { previewEndpoint } from './src/preview/endpoint'
import { objectStorage } from './src/uploads/objectStorage'
import { usageExportEndpoint } from './src/partners/usageEndpoint'
import { subscribersExportEndpoint } from './src/newsletters/exportEndpoint'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export default buildConfig({
  secret: env.PAYLOAD_SECRET ?? '',
  serverURL: env.SERVER_URL,
  admin: {
    user: Users.slug,
    avatar: 'default',
    meta: { titleSuffix: ' · Alliance Knowledge Hub' },
    components: {
      providers: ['/src/components/admin/RoleActions#RoleActions'],
      afterDashboard: ['/src/components/admin/TranslationStatus#TranslationStatus'],
      afterNavLinks: ['/src/components/admin/UsageNavLink#UsageNavLink'],
      // The partner API's use, for admins (issue 23): charts, a table and a CSV export.
      views: {
        usage: { Component: '/src/components/admin/UsageView#UsageView', path: '/usage' },
      },
    },
    importMap: {
      baseDir: dirname,
      importMapFile: path.resolve(dirname, 'src/app/(payload)/admin/importMap.js'),
    },
  },
  // Preview of drafts on the Alliance's site (src/preview/endpoint.ts); usage as CSV, for admins.
  endpoints: [previewEndpoint, usageExportEndpoint, subscribersExportEndpoint],
  collections: [
    WorkingGroups,
    Resources,
    Translations,
    Events,
    News,
    Newsletters,
    Organisations,
    People,
    Media,
    Topics,
    Themes,
    Audiences,
    PublicationTypes,
    Standards,
    Users,
    Webhooks,
    WebhookDeliveries,
    Partners,
    ApiKeys,
    Subscribers,
    Consents,
    NewsletterSends,
  ]
    .map(withHubRules)
    .map(recordChangesOf),
  // The last one gives a refused bulk action the shape the admin's list reads (src/hooks/bulkActions.ts).
  hooks: {
    afterError: [
      explainDatabaseOutage,
      explainBadRequests,
      explainRefusals,
      answerBulkRefusalsAsLists,
    ],
  },
  // Refusals on purpose are a line in the log, not a stack trace (see src/hooks/refusal.ts).
  loggingLevels: {
    HubRefusal: 'info',
    TooManyLoginAttempts: 'info',
    AuthenticationError: 'info',
  } as Record<string, 'info'>,
  localization: { locales: LOCALES, defaultLocale: DEFAULT_LOCALE, fallback: true },
  i18n: { supportedLanguages: { en, fr, es, ar }, fallbackLanguage: 'en' },
  editor: lexicalEditor(),
  db: postgresAdapter({
    // Counted pools: each request's log line says how many statements it sent (src/db/countedPg.ts).
    pg: countedPg,
    // A request waits at most 5 s for a connection: while the database is away it gets a 503 soon,
    // not a hang (src/db/outage.ts).
    pool: {
      connectionString: env.DATABASE_URL,
      max: env.HUB_DB_POOL_SIZE,
      connectionTimeoutMillis: 5000,
    },
    push: env.PAYLOAD_DB_PUSH === 'true',
    migrationDir: path.resolve(dirname, 'src/migrations'),
    afterSchemaInit: [addReadIndexes, addChangeLog, addTextChanges, addSharedTables],
  }),
  upload: { limits: { fileSize: MEDIA_MAX_BYTES } },
  // Payload's own e-mail (password resets) through the hub's one transport: SMTP_URL, else .eml
  // files in MAIL_DIR (src/mail/transport.ts). Not verified at start: a mail server that is away
  // must not keep the hub from serving; a failed send is logged where it happens.
  email: nodemailerAdapter({
    defaultFromAddress: mailSender().address,
    defaultFromName: mailSender().name,
    transport: mailTransport(),
    skipVerify: true,
  }),
  // Files in an S3-compatible bucket when S3_BUCKET is set, else in MEDIA_DIR.
  plugins: [objectStorage()],
  // Image sizes for covers (collections/Media.ts).
  sharp,
  // Scheduled publishing (`schedulePublish` on the versioned collections) queues Payload jobs; the
  // hub's server runs them with an instance of its own (src/ops/jobs.ts), so none is set to run here.
  graphQL: { maxComplexity: 500, disablePlaygroundInProduction: true },
  // Written by `npm run generate` only (CI checks it is committed): Payload's own regeneration at each
  // start outside production ran in tests' and scripts' processes, with their environment, and once
  // rewrote the committed file without a field.
  typescript: { autoGenerate: false, outputFile: path.resolve(dirname, 'src/payload-types.ts') },
  telemetry: false,
  // Payload's pool has no `error` listener: an idle connection broken by a database restart would
  // end the server with an uncaught exception.
  onInit: (payload) => {
    survivePoolErrors((payload.db as unknown as { pool: pg.Pool }).pool, 'Payload')
  },
})
