import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'
import { randomBytes } from 'node:crypto'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "hub_signing_keys" (
  	"purpose" varchar PRIMARY KEY NOT NULL,
  	"key" varchar(64) NOT NULL,
  	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
  );
  `)
  // Made here, so that a replica has it before any process reads it (src/db/signingKeys.ts).
  await db.execute(
    sql`INSERT INTO "hub_signing_keys" ("purpose", "key") VALUES ('sync-token', ${randomBytes(32).toString('hex')})`,
  )
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "hub_signing_keys" CASCADE;`)
}
