// The persona ladder's requests (Li et al. 2025, seeds-methods.md §2.3): built from the meta persona only,
// seed = persona index, the authors' system message, and answers read after "Persona:".
import assert from 'node:assert/strict';
import { LADDER_SYSTEM_MESSAGE } from '../../../src/core/pipelines/ladder/ladderFields';
import { ladderRequest, ladderTemplate, parseLadderAnswer } from '../../../src/core/pipelines/ladder/ladderRequest';

const meta = { index: 12, region: 'Ohio', seed: 54, fields: { AGE: '25 to 34 years', SEX: 'Female' } };
const generation = { prompt: 'Make a persona.\n### PERSONA METADATA ###\n{{meta}}\n### FINAL PERSONA TEMPLATE ###\n{{template}}\nPersona #{{index}}' };

describe('persona ladder requests', () => {
  it('renders the exact messages for an objective-tabular persona', () => {
    const req = ladderRequest('objective-tabular', meta, generation);
    assert.equal(req.seed, 12);
    assert.equal(req.messages[0]!.content, LADDER_SYSTEM_MESSAGE);
    assert.equal(req.messages[1]!.content,
      `Make a persona.\n### PERSONA METADATA ###\n{\n  "AGE": "25 to 34 years",\n  "SEX": "Female"\n}\n### FINAL PERSONA TEMPLATE ###\n${ladderTemplate('objective-tabular', generation)}\nPersona #12`);
    assert.match(ladderTemplate('objective-tabular', generation), /"EDUCATION": "<one of: Less than HS \/ HS Graduate \/ Some College \/ Bachelor's \/ Graduate Degree>"/);
  });

  it('gives descriptive personas no template and subjective ones the subjective fields', () => {
    assert.equal(ladderTemplate('descriptive', generation), '');
    assert.match(ladderTemplate('subjective-tabular', generation), /"IDEOLOGY": "<one of: Very Liberal/);
    assert.doesNotMatch(ladderTemplate('objective-tabular', generation), /IDEOLOGY/);
  });

  it('keeps what follows "Persona:" and reports closed-value violations of tabular answers', () => {
    const fields = { EDUCATION: ['HS Graduate', "Bachelor's"], NOTE: 'free text' };
    const ok = parseLadderAnswer('objective-tabular', 'Sure.\nPersona: {"EDUCATION": "PhD", "NOTE": "x"}', { ...generation, fields });
    assert.ok(ok.ok);
    assert.deepEqual(ok.ok && ok.violations, ['EDUCATION: "PhD" is not one of HS Graduate / Bachelor\'s']);
    const d = parseLadderAnswer('descriptive', 'Persona: Maria is a nurse.', generation);
    assert.deepEqual(d, { ok: true, text: 'Maria is a nurse.', violations: [] });
    const bad = parseLadderAnswer('descriptive', 'Maria is a nurse.', generation);
    assert.equal(!bad.ok && bad.reason, 'noPrefix');
    const notJson = parseLadderAnswer('subjective-tabular', 'Persona: a nurse', generation);
    assert.equal(!notJson.ok && notJson.reason, 'notJson');
  });
});
