import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "hub_usage_daily" (
  	"day" date NOT NULL,
  	"caller" varchar(40) NOT NULL,
  	"operation" varchar(64) NOT NULL,
  	"requests" integer DEFAULT 0 NOT NULL,
  	"errors" integer DEFAULT 0 NOT NULL,
  	"cost" bigint DEFAULT 0 NOT NULL,
  	"latency" integer[] NOT NULL,
  	CONSTRAINT "hub_usage_daily_day_caller_operation_pk" PRIMARY KEY("day","caller","operation")
  );
  `)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "hub_usage_daily" CASCADE;`)
}
