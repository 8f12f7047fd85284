import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE INDEX "working_groups_priorities_locales_parent_idx" ON "working_groups_priorities_locales" USING btree ("_parent_id");
  CREATE INDEX "working_groups_leads_locales_parent_idx" ON "working_groups_leads_locales" USING btree ("_parent_id");
  CREATE INDEX "working_groups_locales_parent_idx" ON "working_groups_locales" USING btree ("_parent_id");
  CREATE INDEX "working_groups_rels_parent_path_idx" ON "working_groups_rels" USING btree ("parent_id","path");
  CREATE INDEX "resources_links_locales_parent_idx" ON "resources_links_locales" USING btree ("_parent_id");
  CREATE INDEX "resources_published_newest_idx" ON "resources" USING btree (coalesce("publication_date", '-infinity'::timestamptz) DESC,"id" DESC) WHERE "resources"."_status" = 'published';
  CREATE INDEX "resources_locales_parent_idx" ON "resources_locales" USING btree ("_parent_id");
  CREATE INDEX "resources_rels_parent_path_idx" ON "resources_rels" USING btree ("parent_id","path");
  CREATE INDEX "_resources_v_version_links_locales_parent_idx" ON "_resources_v_version_links_locales" USING btree ("_parent_id");
  CREATE INDEX "_resources_v_locales_parent_idx" ON "_resources_v_locales" USING btree ("_parent_id");
  CREATE INDEX "events_speakers_locales_parent_idx" ON "events_speakers_locales" USING btree ("_parent_id");
  CREATE INDEX "events_locales_parent_idx" ON "events_locales" USING btree ("_parent_id");
  CREATE INDEX "events_rels_parent_path_idx" ON "events_rels" USING btree ("parent_id","path");
  CREATE INDEX "_events_v_version_speakers_locales_parent_idx" ON "_events_v_version_speakers_locales" USING btree ("_parent_id");
  CREATE INDEX "_events_v_locales_parent_idx" ON "_events_v_locales" USING btree ("_parent_id");
  CREATE INDEX "news_locales_parent_idx" ON "news_locales" USING btree ("_parent_id");
  CREATE INDEX "news_rels_parent_path_idx" ON "news_rels" USING btree ("parent_id","path");
  CREATE INDEX "_news_v_locales_parent_idx" ON "_news_v_locales" USING btree ("_parent_id");
  CREATE INDEX "newsletters_sections_items_locales_parent_idx" ON "newsletters_sections_items_locales" USING btree ("_parent_id");
  CREATE INDEX "newsletters_sections_locales_parent_idx" ON "newsletters_sections_locales" USING btree ("_parent_id");
  CREATE INDEX "newsletters_locales_parent_idx" ON "newsletters_locales" USING btree ("_parent_id");
  CREATE INDEX "newsletters_rels_parent_path_idx" ON "newsletters_rels" USING btree ("parent_id","path");
  CREATE INDEX "_newsletters_v_version_sections_items_locales_parent_idx" ON "_newsletters_v_version_sections_items_locales" USING btree ("_parent_id");
  CREATE INDEX "_newsletters_v_version_sections_locales_parent_idx" ON "_newsletters_v_version_sections_locales" USING btree ("_parent_id");
  CREATE INDEX "_newsletters_v_locales_parent_idx" ON "_newsletters_v_locales" USING btree ("_parent_id");
  CREATE INDEX "organisations_locales_parent_idx" ON "organisations_locales" USING btree ("_parent_id");
  CREATE INDEX "people_locales_parent_idx" ON "people_locales" USING btree ("_parent_id");
  CREATE INDEX "media_locales_parent_idx" ON "media_locales" USING btree ("_parent_id");
  CREATE INDEX "topics_locales_parent_idx" ON "topics_locales" USING btree ("_parent_id");
  CREATE INDEX "themes_locales_parent_idx" ON "themes_locales" USING btree ("_parent_id");
  CREATE INDEX "audiences_locales_parent_idx" ON "audiences_locales" USING btree ("_parent_id");
  CREATE INDEX "publication_types_locales_parent_idx" ON "publication_types_locales" USING btree ("_parent_id");
  CREATE INDEX "standards_locales_parent_idx" ON "standards_locales" USING btree ("_parent_id");
  CREATE INDEX "users_rels_parent_path_idx" ON "users_rels" USING btree ("parent_id","path");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "working_groups_priorities_locales_parent_idx";
  DROP INDEX "working_groups_leads_locales_parent_idx";
  DROP INDEX "working_groups_locales_parent_idx";
  DROP INDEX "working_groups_rels_parent_path_idx";
  DROP INDEX "resources_links_locales_parent_idx";
  DROP INDEX "resources_published_newest_idx";
  DROP INDEX "resources_locales_parent_idx";
  DROP INDEX "resources_rels_parent_path_idx";
  DROP INDEX "_resources_v_version_links_locales_parent_idx";
  DROP INDEX "_resources_v_locales_parent_idx";
  DROP INDEX "events_speakers_locales_parent_idx";
  DROP INDEX "events_locales_parent_idx";
  DROP INDEX "events_rels_parent_path_idx";
  DROP INDEX "_events_v_version_speakers_locales_parent_idx";
  DROP INDEX "_events_v_locales_parent_idx";
  DROP INDEX "news_locales_parent_idx";
  DROP INDEX "news_rels_parent_path_idx";
  DROP INDEX "_news_v_locales_parent_idx";
  DROP INDEX "newsletters_sections_items_locales_parent_idx";
  DROP INDEX "newsletters_sections_locales_parent_idx";
  DROP INDEX "newsletters_locales_parent_idx";
  DROP INDEX "newsletters_rels_parent_path_idx";
  DROP INDEX "_newsletters_v_version_sections_items_locales_parent_idx";
  DROP INDEX "_newsletters_v_version_sections_locales_parent_idx";
  DROP INDEX "_newsletters_v_locales_parent_idx";
  DROP INDEX "organisations_locales_parent_idx";
  DROP INDEX "people_locales_parent_idx";
  DROP INDEX "media_locales_parent_idx";
  DROP INDEX "topics_locales_parent_idx";
  DROP INDEX "themes_locales_parent_idx";
  DROP INDEX "audiences_locales_parent_idx";
  DROP INDEX "publication_types_locales_parent_idx";
  DROP INDEX "standards_locales_parent_idx";
  DROP INDEX "users_rels_parent_path_idx";`)
}
