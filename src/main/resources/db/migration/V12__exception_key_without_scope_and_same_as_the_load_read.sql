-- Two repairs of issue 12: the exception queue's key without the scope (bug 3, first part), and a
-- source that was not read naming the load that was (bug 4, at the end).
--
-- One exception per period, record and rule, whatever the scope of the run that found it (issue 12).
--
-- Until V11 the exception's key held the run's scope (period, scope, record_kind, record_row_id,
-- rule_code). Validation checks every record of the period whatever the scope, so a run for one legal
-- entity (or for an unknown one) raised a second copy of every exception of the period, and an
-- exception someone had waived came back as a new open one. From here on the key is the period, the
-- record and the rule; scope stays as the scope of the run that first raised the exception.
--
-- What this migration does with the copies already stored, per group of rows with the same period,
-- record and rule:
--   1. it keeps one row: a waived one if there is any (a person's decision holds; the latest waiver),
--      else the row the most recent run saw, else the oldest;
--   2. the kept row takes the group's first raising run and its last seeing run, so that it is open to
--      (counted in the reports of) every run any copy was;
--   3. every other row of the group gets an audit entry (action resolved, actor "billrun migration V12")
--      that names the row it was merged into and what the removed row said (scope, status, runs,
--      reason), and is then deleted;
--   4. the unique key and the status index drop the scope.
-- A database without copies (any that never ran a scope other than "all") is changed in its key only.

CREATE TEMPORARY TABLE exception_copy ON COMMIT DROP AS
SELECT exception_id, keeper, first_raised, last_seen
FROM (SELECT exception_id,
             first_value(exception_id) OVER kept AS keeper,
             min(raised_by_run_id) OVER kept AS first_raised,
             max(last_seen_run_id) OVER kept AS last_seen,
             count(*) OVER kept AS copies
      FROM validation_exception
      WINDOW kept AS (PARTITION BY period, record_kind, record_row_id, rule_code
                      ORDER BY status = 'waived' DESC,
                               CASE WHEN status = 'waived' THEN status_changed_at END DESC NULLS LAST,
                               last_seen_run_id DESC, exception_id
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) g
WHERE copies > 1;

UPDATE validation_exception e SET raised_by_run_id = c.first_raised, last_seen_run_id = c.last_seen
FROM exception_copy c
WHERE e.exception_id = c.exception_id AND c.exception_id = c.keeper;

INSERT INTO audit_log (actor, action, subject_type, subject_id, run_id, detail, prev_hash, hash)
SELECT 'billrun migration V12', 'resolved', 'exception', e.exception_id, NULL,
       'merged into exception ' || c.keeper || ', the same rule on the same record of period ' || e.period
           || ' (one exception per record and rule, whatever the scope); this copy was raised under scope ' || e.scope
           || ', status ' || e.status || ', raised by run ' || e.raised_by_run_id || ', last seen by run ' || e.last_seen_run_id
           || coalesce(', ' || e.status || ' by ' || e.status_changed_by || ': ' || e.status_reason, ''),
       '', ''
FROM validation_exception e JOIN exception_copy c ON c.exception_id = e.exception_id
WHERE c.exception_id <> c.keeper
ORDER BY e.exception_id;

DELETE FROM validation_exception e USING exception_copy c
WHERE e.exception_id = c.exception_id AND c.exception_id <> c.keeper;

-- the old key's name is PostgreSQL's own (truncated to 63 characters): found by what it is
DO $$
DECLARE
    old_key text;
BEGIN
    SELECT conname INTO old_key FROM pg_constraint
    WHERE conrelid = 'validation_exception'::regclass AND contype = 'u';
    EXECUTE format('ALTER TABLE validation_exception DROP CONSTRAINT %I', old_key);
END
$$;

ALTER TABLE validation_exception ADD CONSTRAINT validation_exception_record_rule_key
    UNIQUE (period, record_kind, record_row_id, rule_code);

DROP INDEX validation_exception_status;
CREATE INDEX validation_exception_status ON validation_exception (period, status);

-- A source identical to the last one merged of its kind is not read; it names the load it is the same
-- as (same_as_source_file_id), whose rows and rejections are the ones it stands for. Until V11 the last
-- one merged could itself be such a source, so a third run over unchanged files named the second, which
-- read nothing, and counted none of the period's rejected rows (issue 12, bug 4). Registration now names
-- the load that was read; this points every existing chain at it, one link per pass.
DO $$
BEGIN
    LOOP
        UPDATE source_file f SET same_as_source_file_id = s.same_as_source_file_id
        FROM source_file s
        WHERE f.same_as_source_file_id = s.source_file_id AND s.same_as_source_file_id IS NOT NULL;
        EXIT WHEN NOT FOUND;
    END LOOP;
END
$$;
