DROP INDEX "learner_rollup_key_idx";--> statement-breakpoint
CREATE INDEX "learner_rollup_key_idx" ON "learner_rollup" USING btree ("keyset","dimension","provider_id","credential_id","cohort");--> statement-breakpoint
DROP INDEX "enrolment_rollup_key";--> statement-breakpoint
CREATE UNIQUE INDEX "enrolment_rollup_key" ON "enrolment_rollup" USING btree ("keyset","dimension","provider_id","credential_id","cohort","origin","value","status","day","started_on") NULLS NOT DISTINCT;
