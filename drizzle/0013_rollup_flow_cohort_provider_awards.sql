CREATE TABLE "flow_cohort_rollup" (
	"data" text NOT NULL,
	"kind" text NOT NULL,
	"from_id" text NOT NULL,
	"to_id" text NOT NULL,
	"cohort" text,
	"learners" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_award_rollup" (
	"origin" text NOT NULL,
	"provider_id" text NOT NULL,
	"awards" integer NOT NULL,
	"verified" integer NOT NULL,
	"learners" integer NOT NULL,
	CONSTRAINT "provider_award_rollup_provider_id_origin_pk" PRIMARY KEY("provider_id","origin")
);
--> statement-breakpoint
CREATE INDEX "flow_cohort_rollup_order_idx" ON "flow_cohort_rollup" USING btree ("data","learners" DESC NULLS LAST,"kind" collate "C","from_id" collate "C","to_id" collate "C","cohort" collate "C");--> statement-breakpoint
CREATE INDEX "flow_cohort_rollup_kind_order_idx" ON "flow_cohort_rollup" USING btree ("data","kind","learners" DESC NULLS LAST,"from_id" collate "C","to_id" collate "C","cohort" collate "C");