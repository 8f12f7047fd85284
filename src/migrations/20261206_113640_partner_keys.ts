import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_api_keys_languages" AS ENUM('en', 'fr', 'es', 'ar');
  CREATE TYPE "public"."enum_api_keys_areas" AS ENUM('library', 'groups', 'webinars', 'newsletters', 'news', 'standards');
  CREATE TYPE "public"."enum_api_keys_tier" AS ENUM('standard', 'extended', 'alliance');
  CREATE TABLE "partners" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"organisation" varchar NOT NULL,
  	"contact_name" varchar,
  	"contact_email" varchar,
  	"notes" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "api_keys_languages" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_api_keys_languages",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "api_keys_areas" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_api_keys_areas",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "api_keys" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"partner_id" integer NOT NULL,
  	"label" varchar NOT NULL,
  	"key" varchar,
  	"key_id" varchar,
  	"expires_at" timestamp(3) with time zone NOT NULL,
  	"tier" "enum_api_keys_tier" DEFAULT 'standard' NOT NULL,
  	"replaces_id" integer,
  	"overlap_days" numeric DEFAULT 7,
  	"revoked" boolean DEFAULT false,
  	"revoked_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "partners_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "api_keys_id" integer;
  ALTER TABLE "api_keys_languages" ADD CONSTRAINT "api_keys_languages_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "api_keys_areas" ADD CONSTRAINT "api_keys_areas_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_replaces_id_api_keys_id_fk" FOREIGN KEY ("replaces_id") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action;
  CREATE UNIQUE INDEX "partners_organisation_idx" ON "partners" USING btree ("organisation");
  CREATE INDEX "partners_updated_at_idx" ON "partners" USING btree ("updated_at");
  CREATE INDEX "partners_created_at_idx" ON "partners" USING btree ("created_at");
  CREATE INDEX "api_keys_languages_order_idx" ON "api_keys_languages" USING btree ("order");
  CREATE INDEX "api_keys_languages_parent_idx" ON "api_keys_languages" USING btree ("parent_id");
  CREATE INDEX "api_keys_areas_order_idx" ON "api_keys_areas" USING btree ("order");
  CREATE INDEX "api_keys_areas_parent_idx" ON "api_keys_areas" USING btree ("parent_id");
  CREATE INDEX "api_keys_partner_idx" ON "api_keys" USING btree ("partner_id");
  CREATE UNIQUE INDEX "api_keys_key_id_idx" ON "api_keys" USING btree ("key_id");
  CREATE INDEX "api_keys_replaces_idx" ON "api_keys" USING btree ("replaces_id");
  CREATE INDEX "api_keys_updated_at_idx" ON "api_keys" USING btree ("updated_at");
  CREATE INDEX "api_keys_created_at_idx" ON "api_keys" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_partners_fk" FOREIGN KEY ("partners_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_api_keys_fk" FOREIGN KEY ("api_keys_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_partners_id_idx" ON "payload_locked_documents_rels" USING btree ("partners_id");
  CREATE INDEX "payload_locked_documents_rels_api_keys_id_idx" ON "payload_locked_documents_rels" USING btree ("api_keys_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "partners" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "api_keys_languages" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "api_keys_areas" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "api_keys" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "partners" CASCADE;
  DROP TABLE "api_keys_languages" CASCADE;
  DROP TABLE "api_keys_areas" CASCADE;
  DROP TABLE "api_keys" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_partners_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_api_keys_fk";
  
  DROP INDEX "payload_locked_documents_rels_partners_id_idx";
  DROP INDEX "payload_locked_documents_rels_api_keys_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "partners_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "api_keys_id";
  DROP TYPE "public"."enum_api_keys_languages";
  DROP TYPE "public"."enum_api_keys_areas";
  DROP TYPE "public"."enum_api_keys_tier";`)
}
