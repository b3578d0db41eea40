-- A gate's record becomes its ledger.gate/1 document, from which the report renders summary.md when asked; the gates
-- recorded before keep the Markdown they printed. Every row holds one of the two.
ALTER TABLE ledger.gate_summaries ALTER COLUMN markdown DROP NOT NULL;
ALTER TABLE ledger.gate_summaries ADD COLUMN document text;
ALTER TABLE ledger.gate_summaries ADD CONSTRAINT gate_summaries_one_form CHECK ((document IS NULL) <> (markdown IS NULL));
