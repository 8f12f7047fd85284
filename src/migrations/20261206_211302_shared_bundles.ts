import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "hub_bundles" (
  	"locale" varchar(8) PRIMARY KEY NOT NULL,
  	"body" "bytea",
  	"etag" varchar(40),
  	"content_key" varchar(64),
  	"records" integer,
  	"token" text,
  	"built_at" timestamp (3) with time zone,
  	"checked_token" text,
  	"lease_owner" varchar(40),
  	"lease_until" timestamp (3) with time zone
  );
  `)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "hub_bundles" CASCADE;`)
}
