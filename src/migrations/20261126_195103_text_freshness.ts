import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "hub_text_changes" (
  	"collection" varchar NOT NULL,
  	"doc_id" integer NOT NULL,
  	"field" varchar NOT NULL,
  	"locale" varchar NOT NULL,
  	"changed_at" timestamp (3) with time zone NOT NULL,
  	CONSTRAINT "hub_text_changes_collection_doc_id_field_locale_pk" PRIMARY KEY("collection","doc_id","field","locale")
  );
  
  CREATE INDEX "hub_text_changes_locale_idx" ON "hub_text_changes" USING btree ("collection","locale");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "hub_text_changes" CASCADE;`)
}
