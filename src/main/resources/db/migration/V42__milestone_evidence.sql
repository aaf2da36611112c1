-- Milestone acceptance evidence (docs/assistance.md, "Milestone acceptance evidence: in billrun").
--
-- milestones.csv may name documents (e-mails, plain-text statements of work) in its new optional column
-- evidence_files. Validation reads them for the billable milestones it checks and stores here every
-- sentence that says something about the milestone: an acceptance is PROPOSED as evidence, anything
-- else (not yet accepted, rejected, a question, the contract's terms, quoted text) is NOTED for context
-- and cannot be confirmed. A person confirms or rejects a proposal (`billrun milestones evidence
-- confirm|reject`, audited); under the policy key milestone.evidence-required only a milestone with
-- confirmed evidence bills. org.billrun.validate owns the table.
--
-- A proposal is one sentence of one version of one file (its SHA-256): the same file read by the next
-- run finds the same row (last_seen_run_id moves on); a changed file gives new rows and the decisions
-- on the old ones stand, as a person took them on what they read then.
--
-- States checked here and by StatesInTheDatabaseIntegrationTests:
--   milestone_evidence.kind   assist.evidence.MentionKind
--   milestone_evidence.state  validate.EvidenceState
--   audit_log.action          audit.AuditAction   (widened)

ALTER TABLE milestone ADD COLUMN evidence_files text;

-- the view was expanded when V3 created it: create it again to show the new column
CREATE OR REPLACE VIEW current_milestone AS
    SELECT x.* FROM milestone x JOIN source_file s ON s.source_file_id = x.source_file_id
    WHERE x.record_status = 'current' AND s.merged_at IS NOT NULL;

CREATE TABLE milestone_evidence (
    evidence_id bigserial PRIMARY KEY,
    milestone_id text NOT NULL,
    contract_id text NOT NULL,
    kind text NOT NULL CONSTRAINT milestone_evidence_kind_check
        CHECK (kind IN ('accepts', 'rejects', 'not_yet', 'requests', 'question', 'terms', 'mention', 'quoted')),
    -- the file as milestones.csv names it, and the SHA-256 of the bytes read
    file text NOT NULL,
    file_sha256 text NOT NULL,
    quote text NOT NULL,
    evidence_date date,
    date_source text,
    sender text,
    confidence numeric(3,2) NOT NULL DEFAULT 0 CHECK (confidence BETWEEN 0 AND 1),
    why text NOT NULL,
    state text NOT NULL CONSTRAINT milestone_evidence_state_check CHECK (state IN ('proposed', 'confirmed', 'rejected', 'noted')),
    found_by_run_id bigint NOT NULL REFERENCES billing_run (run_id),
    last_seen_run_id bigint NOT NULL REFERENCES billing_run (run_id),
    found_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    decided_by text,
    decided_at timestamptz,
    decision_comment text,
    -- only an acceptance is a proposal; only a proposal gets a decision, and a decision names who and when
    CHECK ((kind = 'accepts') = (state <> 'noted')),
    CHECK ((state IN ('confirmed', 'rejected')) = (decided_at IS NOT NULL AND decided_by IS NOT NULL)),
    UNIQUE (milestone_id, file_sha256, kind, quote)
);
CREATE INDEX milestone_evidence_milestone ON milestone_evidence (milestone_id, state);

SELECT billrun_widen_check('audit_log', 'audit_log_action_check', 'action',
        ARRAY['evidence_proposed', 'evidence_confirmed', 'evidence_rejected']);
