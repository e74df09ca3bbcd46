CREATE TABLE "app_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "learners" ADD COLUMN "pseudonym" text;--> statement-breakpoint
CREATE UNIQUE INDEX "learners_pseudonym_idx" ON "learners" USING btree ("pseudonym");--> statement-breakpoint
-- This installation's secret for pseudonyms: 244 bits from the server's strong random source.
INSERT INTO "app_settings" ("key", "value") VALUES ('pseudonym_secret', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')) ON CONFLICT DO NOTHING;--> statement-breakpoint
CREATE FUNCTION "learner_pseudonym"("learner_id" text) RETURNS text LANGUAGE sql STABLE AS $$
	SELECT 'L' || substr(encode(sha256(convert_to((SELECT "value" FROM "app_settings" WHERE "key" = 'pseudonym_secret') || ':' || learner_id, 'UTF8')), 'hex'), 1, 16)
$$;--> statement-breakpoint
CREATE FUNCTION "learners_set_pseudonym"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW."pseudonym" := "learner_pseudonym"(NEW."id");
	RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "learners_pseudonym" BEFORE INSERT OR UPDATE OF "id" ON "learners" FOR EACH ROW EXECUTE FUNCTION "learners_set_pseudonym"();--> statement-breakpoint
UPDATE "learners" SET "pseudonym" = "learner_pseudonym"("id");
