ALTER TABLE "awards" ADD COLUMN "provider_id" text;--> statement-breakpoint
ALTER TABLE "enrolments" ADD COLUMN "provider_id" text;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;