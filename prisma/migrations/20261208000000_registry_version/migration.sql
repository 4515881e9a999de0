-- Every API process caches the jurisdiction tree; a change made anywhere (an administrator's
-- reorganisation through another process, a seed, a migration) raises this counter, which the
-- caches compare about once a second instead of waiting out a fixed lifetime.
CREATE TABLE "registry_version" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "registry_version_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "registry_version_single_row" CHECK ("id" = 1)
);
INSERT INTO "registry_version" ("id") VALUES (1);

CREATE FUNCTION bump_registry_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "registry_version" SET "version" = "version" + 1, "changed_at" = now() WHERE "id" = 1;
  RETURN NULL;
END $$;

CREATE TRIGGER "jurisdictions_bump_registry_version"
  AFTER INSERT OR UPDATE OR DELETE ON "jurisdictions"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_registry_version();
