CREATE TABLE "learner_pseudonyms" (
	"pseudonym" text PRIMARY KEY NOT NULL,
	"learner_id" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "award_conflicts" DROP CONSTRAINT "award_conflicts_import_id_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_learner_id_learners_id_fk";
--> statement-breakpoint
DROP INDEX "learners_pseudonym_idx";--> statement-breakpoint
-- Pseudonyms are computed by the app as it writes a learner (src/lib/server/pseudonyms.ts), with the
-- same formula as learner_pseudonym() had: a trigger that reads app_settings cannot run on a Citus
-- shard. The lookup table replaces the unique index (docs/scaling.md).
DROP TRIGGER "learners_pseudonym" ON "learners";--> statement-breakpoint
DROP FUNCTION "learners_set_pseudonym"();--> statement-breakpoint
DROP FUNCTION "learner_pseudonym"(text);--> statement-breakpoint
INSERT INTO "learner_pseudonyms" ("pseudonym", "learner_id") SELECT "pseudonym", "id" FROM "learners" WHERE "pseudonym" IS NOT NULL;
