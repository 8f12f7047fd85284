import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_consents_event" ADD VALUE 'status';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "consents" ALTER COLUMN "event" SET DATA TYPE text;
  -- Kept, as the nearest event the older schema has: consent records are never dropped.
  UPDATE "consents" SET "event" = 'preferences' WHERE "event" = 'status';
  DROP TYPE "public"."enum_consents_event";
  CREATE TYPE "public"."enum_consents_event" AS ENUM('asked', 'confirmed', 'preferences', 'unsubscribed');
  ALTER TABLE "consents" ALTER COLUMN "event" SET DATA TYPE "public"."enum_consents_event" USING "event"::"public"."enum_consents_event";`)
}
