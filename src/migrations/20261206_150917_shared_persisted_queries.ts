import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "hub_persisted_queries" (
  	"hash" varchar(64) PRIMARY KEY NOT NULL,
  	"query" text NOT NULL,
  	"used_at" timestamp (3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE INDEX "hub_persisted_queries_used_at_idx" ON "hub_persisted_queries" USING btree ("used_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "hub_persisted_queries" CASCADE;`)
}
