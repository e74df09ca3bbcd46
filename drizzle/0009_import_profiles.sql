CREATE TABLE "import_profiles" (
	"name" text PRIMARY KEY NOT NULL,
	"profile" jsonb NOT NULL,
	"columns" jsonb NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer
);
