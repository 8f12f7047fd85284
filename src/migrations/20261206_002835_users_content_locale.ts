import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_users_content_locale" AS ENUM('en', 'fr', 'es', 'ar');
  ALTER TABLE "users" ADD COLUMN "content_locale" "enum_users_content_locale" DEFAULT 'en';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "users" DROP COLUMN "content_locale";
  DROP TYPE "public"."enum_users_content_locale";`)
}
