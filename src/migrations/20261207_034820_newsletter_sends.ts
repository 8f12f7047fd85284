import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_newsletter_sends_kind" AS ENUM('test', 'everyone');
  CREATE TYPE "public"."enum_newsletter_sends_status" AS ENUM('queued', 'sending', 'done');
  CREATE TABLE "newsletter_sends" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"edition_id" integer NOT NULL,
  	"kind" "enum_newsletter_sends_kind" NOT NULL,
  	"status" "enum_newsletter_sends_status" DEFAULT 'queued' NOT NULL,
  	"requested_by_id" integer,
  	"total" numeric DEFAULT 0,
  	"sent" numeric DEFAULT 0,
  	"failed" numeric DEFAULT 0,
  	"bounced" numeric DEFAULT 0,
  	"in_doubt" numeric DEFAULT 0,
  	"started_at" timestamp(3) with time zone,
  	"finished_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "hub_newsletter_deliveries" (
  	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hub_newsletter_deliveries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
  	"send_id" integer NOT NULL,
  	"edition_id" integer NOT NULL,
  	"subscriber_id" integer,
  	"email" varchar NOT NULL,
  	"locale" varchar(8) NOT NULL,
  	"status" varchar(12) DEFAULT 'pending' NOT NULL,
  	"attempts" integer DEFAULT 0 NOT NULL,
  	"next_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
  	"message_id" varchar NOT NULL,
  	"in_doubt" integer DEFAULT 0 NOT NULL,
  	"last_error" text,
  	"sent_at" timestamp (3) with time zone
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "newsletter_sends_id" integer;
  ALTER TABLE "newsletter_sends" ADD CONSTRAINT "newsletter_sends_edition_id_newsletters_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."newsletters"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "newsletter_sends" ADD CONSTRAINT "newsletter_sends_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "newsletter_sends_edition_idx" ON "newsletter_sends" USING btree ("edition_id");
  CREATE INDEX "newsletter_sends_status_idx" ON "newsletter_sends" USING btree ("status");
  CREATE INDEX "newsletter_sends_requested_by_idx" ON "newsletter_sends" USING btree ("requested_by_id");
  CREATE INDEX "newsletter_sends_updated_at_idx" ON "newsletter_sends" USING btree ("updated_at");
  CREATE INDEX "newsletter_sends_created_at_idx" ON "newsletter_sends" USING btree ("created_at");
  CREATE UNIQUE INDEX "hub_newsletter_deliveries_once" ON "hub_newsletter_deliveries" USING btree ("edition_id","subscriber_id");
  CREATE INDEX "hub_newsletter_deliveries_send_status" ON "hub_newsletter_deliveries" USING btree ("send_id","status");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_newsletter_sends_fk" FOREIGN KEY ("newsletter_sends_id") REFERENCES "public"."newsletter_sends"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_newsletter_sends_id_idx" ON "payload_locked_documents_rels" USING btree ("newsletter_sends_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "newsletter_sends" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "hub_newsletter_deliveries" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "newsletter_sends" CASCADE;
  DROP TABLE "hub_newsletter_deliveries" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_newsletter_sends_fk";
  
  DROP INDEX "payload_locked_documents_rels_newsletter_sends_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "newsletter_sends_id";
  DROP TYPE "public"."enum_newsletter_sends_kind";
  DROP TYPE "public"."enum_newsletter_sends_status";`)
}
