-- Moving a running case to another commune (POST /cases/{caseRef}/jurisdiction, issue #18): each
-- open step of the old commune's bodies is handed to the new commune's body of the same kind, as
-- one entry of the step's ledger, and the receiving agency finds it in its inbox. Values only.
ALTER TYPE "StepEventKind" ADD VALUE 'MOVED';
ALTER TYPE "NotificationKind" ADD VALUE 'CASE_MOVED';
