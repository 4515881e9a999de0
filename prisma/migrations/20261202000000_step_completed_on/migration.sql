-- The legal date of the act that completed a step (the action's `on`), beside the instant it was
-- recorded: an act done on paper in time and entered later is on time (api/performance).
-- Steps completed before this column existed keep NULL; their instant is all there is.
ALTER TABLE "steps" ADD COLUMN "completed_on" DATE;
