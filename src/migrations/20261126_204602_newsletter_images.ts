import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "newsletters_sections_items" ADD COLUMN "image_id" integer;
  ALTER TABLE "newsletters" ADD COLUMN "image_id" integer;
  ALTER TABLE "_newsletters_v_version_sections_items" ADD COLUMN "image_id" integer;
  ALTER TABLE "_newsletters_v" ADD COLUMN "version_image_id" integer;
  ALTER TABLE "newsletters_sections_items" ADD CONSTRAINT "newsletters_sections_items_image_id_media_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "newsletters" ADD CONSTRAINT "newsletters_image_id_media_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_newsletters_v_version_sections_items" ADD CONSTRAINT "_newsletters_v_version_sections_items_image_id_media_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_newsletters_v" ADD CONSTRAINT "_newsletters_v_version_image_id_media_id_fk" FOREIGN KEY ("version_image_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "newsletters_sections_items_image_idx" ON "newsletters_sections_items" USING btree ("image_id");
  CREATE INDEX "newsletters_image_idx" ON "newsletters" USING btree ("image_id");
  CREATE INDEX "_newsletters_v_version_sections_items_image_idx" ON "_newsletters_v_version_sections_items" USING btree ("image_id");
  CREATE INDEX "_newsletters_v_version_version_image_idx" ON "_newsletters_v" USING btree ("version_image_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "newsletters_sections_items" DROP CONSTRAINT "newsletters_sections_items_image_id_media_id_fk";
  
  ALTER TABLE "newsletters" DROP CONSTRAINT "newsletters_image_id_media_id_fk";
  
  ALTER TABLE "_newsletters_v_version_sections_items" DROP CONSTRAINT "_newsletters_v_version_sections_items_image_id_media_id_fk";
  
  ALTER TABLE "_newsletters_v" DROP CONSTRAINT "_newsletters_v_version_image_id_media_id_fk";
  
  DROP INDEX "newsletters_sections_items_image_idx";
  DROP INDEX "newsletters_image_idx";
  DROP INDEX "_newsletters_v_version_sections_items_image_idx";
  DROP INDEX "_newsletters_v_version_version_image_idx";
  ALTER TABLE "newsletters_sections_items" DROP COLUMN "image_id";
  ALTER TABLE "newsletters" DROP COLUMN "image_id";
  ALTER TABLE "_newsletters_v_version_sections_items" DROP COLUMN "image_id";
  ALTER TABLE "_newsletters_v" DROP COLUMN "version_image_id";`)
}
