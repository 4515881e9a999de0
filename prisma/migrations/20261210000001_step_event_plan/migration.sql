-- The step as each ledger entry left it: a workflow task re-run after a crash (its local
-- activities' writes kept, its history lost) gets the step as it was then, not as the lost
-- task's later writes left it.
ALTER TABLE "step_events" ADD COLUMN "plan" JSONB;
