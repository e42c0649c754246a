-- Issue #3 follow-ups (session 5): (1) a serious-violation task whose basis no longer holds (a justified reason recorded
-- for a missed test notice takes the count below the threshold) is withdrawn by the system with the reason; a task
-- already reported to the police is never changed, it gets a note instead; (2) a person archived as 戒断三年未复吸 can
-- be restored to supervision (恢复管控) by the office, with a reason kept on the approved review.
-- Forward-only; runs unchanged on PostgreSQL 15+ and PGlite.

ALTER TABLE violation_task DROP CONSTRAINT violation_task_status_check;
ALTER TABLE violation_task ADD CONSTRAINT violation_task_status_check CHECK (status IN ('open','completed','dismissed','withdrawn'));
ALTER TABLE violation_task ADD COLUMN withdrawn_on date;
ALTER TABLE violation_task ADD COLUMN withdrawn_reason text;
ALTER TABLE violation_task ADD COLUMN basis_note text;
ALTER TABLE violation_task ADD CONSTRAINT violation_task_withdrawn CHECK ((status = 'withdrawn') = (withdrawn_reason IS NOT NULL));

ALTER TABLE abstinence_review ADD COLUMN restored_on date;
ALTER TABLE abstinence_review ADD COLUMN restored_by uuid REFERENCES app_user (id);
ALTER TABLE abstinence_review ADD COLUMN restore_reason text;
ALTER TABLE abstinence_review ADD CONSTRAINT abstinence_review_restored CHECK ((restored_on IS NULL) = (restore_reason IS NULL) AND (restored_on IS NULL OR status = 'approved'));
