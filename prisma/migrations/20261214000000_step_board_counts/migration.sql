-- The live board's counts, kept as the steps change (issue #19: the board's totals over 1,000,000
-- open steps took ~145 ms as one scan of them all). One row per unit, owner, procedure, status and
-- pair of days (the due date and the statutory limit's date in Vietnam, UTC+7 all year): the board
-- sums these for every day that lies wholly before, inside or after its windows, and counts only the
-- steps of the boundary days (today, the window's last day) from the steps themselves.
CREATE TABLE "step_board_counts" (
    "jurisdiction_id" TEXT NOT NULL,
    "owner_agency_id" TEXT NOT NULL,
    "procedure" TEXT NOT NULL,
    "status" "StepStatus" NOT NULL,
    "due_day" DATE NOT NULL,
    -- 'infinity' when the step has no statutory limit.
    "statutory_day" DATE NOT NULL,
    "n" INTEGER NOT NULL,
    CONSTRAINT "step_board_counts_pkey" PRIMARY KEY ("jurisdiction_id", "owner_agency_id", "procedure", "status", "due_day", "statutory_day")
);

CREATE FUNCTION board_day(instant TIMESTAMPTZ(3)) RETURNS DATE LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN instant IS NULL THEN DATE 'infinity' ELSE ((instant AT TIME ZONE 'UTC') + INTERVAL '7 hours')::date END
$$;

CREATE FUNCTION count_step_on_board() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was BOOLEAN := TG_OP <> 'INSERT' AND OLD.status IN ('OPEN', 'SUSPENDED');
  is_now BOOLEAN := TG_OP <> 'DELETE' AND NEW.status IN ('OPEN', 'SUSPENDED');
BEGIN
  IF was AND is_now
     AND OLD.jurisdiction_id = NEW.jurisdiction_id AND OLD.owner_agency_id = NEW.owner_agency_id
     AND OLD.procedure = NEW.procedure AND OLD.status = NEW.status
     AND board_day(OLD.due_at) = board_day(NEW.due_at)
     AND board_day(OLD.statutory_due_at) = board_day(NEW.statutory_due_at) THEN
    RETURN NULL;
  END IF;
  IF was THEN
    UPDATE "step_board_counts" SET "n" = "n" - 1
     WHERE "jurisdiction_id" = OLD.jurisdiction_id AND "owner_agency_id" = OLD.owner_agency_id
       AND "procedure" = OLD.procedure AND "status" = OLD.status
       AND "due_day" = board_day(OLD.due_at) AND "statutory_day" = board_day(OLD.statutory_due_at);
  END IF;
  IF is_now THEN
    INSERT INTO "step_board_counts" VALUES (NEW.jurisdiction_id, NEW.owner_agency_id, NEW.procedure, NEW.status,
      board_day(NEW.due_at), board_day(NEW.statutory_due_at), 1)
    ON CONFLICT ("jurisdiction_id", "owner_agency_id", "procedure", "status", "due_day", "statutory_day")
    DO UPDATE SET "n" = "step_board_counts"."n" + 1;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "steps_count_on_board"
  AFTER INSERT OR DELETE OR UPDATE OF "status", "jurisdiction_id", "owner_agency_id", "procedure", "due_at", "statutory_due_at" ON "steps"
  FOR EACH ROW EXECUTE FUNCTION count_step_on_board();

INSERT INTO "step_board_counts"
SELECT "jurisdiction_id", "owner_agency_id", "procedure", "status", board_day("due_at"), board_day("statutory_due_at"), count(*)
FROM "steps" WHERE "status" IN ('OPEN', 'SUSPENDED')
GROUP BY 1, 2, 3, 4, 5, 6;

-- The boundary days' steps are read by a range of one instant: with the unit, the owner and the other
-- instant in the same index, from the index alone (the narrower indexes they replace served the same queries).
DROP INDEX "steps_status_due_at_idx";
DROP INDEX "steps_status_statutory_due_at_idx";
CREATE INDEX "steps_due_board_idx" ON "steps"("status", "due_at", "jurisdiction_id", "owner_agency_id", "statutory_due_at");
CREATE INDEX "steps_limit_board_idx" ON "steps"("status", "statutory_due_at", "jurisdiction_id", "owner_agency_id", "due_at");
