import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "hub_changes" (
  	"seq" bigserial PRIMARY KEY NOT NULL,
  	"collection" varchar NOT NULL,
  	"doc_id" integer NOT NULL,
  	"operation" varchar NOT NULL,
  	"locales" varchar[],
  	"changed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
  	"xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL
  );
  
  CREATE INDEX "hub_changes_xid_idx" ON "hub_changes" USING btree ("xid");
  CREATE INDEX "hub_changes_doc_idx" ON "hub_changes" USING btree ("collection","doc_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "hub_changes" CASCADE;`)
}
