// `persona-studio import`: survey specs written from real .sav files (test/fixtures/sav, see SOURCE.md) and from a CSV
// codebook validate with zero errors, say what the file declares (labels, user-missing codes, weight), explain each
// choice in a comment, never overwrite without --force, and write nothing for a damaged file.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { createDefaultSpecService } from '../../../src/core/spec/defaultSpecService';
import { nodeSpecFileSystem } from '../../../src/core/spec/nodeSpecFileSystem';
import { runCliCaptured } from './runCli.test';

const SAV = path.resolve(__dirname, '../../fixtures/sav');

interface Spec {
  name: string;
  human: { data: string; id?: string; weight?: string; missing: (string | number)[]; demographics?: Record<string, { column: string; map?: Record<string, string | null> }> };
  questions: { id: string; text: string; type: string; options: string[]; codes: number[]; column?: string }[];
}

function problems(file: string): { errors: string[]; warnings: string[] } {
  const ds = createDefaultSpecService(nodeSpecFileSystem).validate(readFileSync(file, 'utf8'), file);
  return { errors: ds.filter((d) => d.severity === 'error').map((d) => d.message), warnings: ds.filter((d) => d.severity !== 'error').map((d) => d.message) };
}

describe('cli: import (survey spec from .sav or codebook)', () => {
  let dir = '';
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'ps-import-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('survey.sav: questions, codes, user-missing codes, weight and demographics, each explained; validates cleanly', async () => {
    copyFileSync(path.join(SAV, 'survey.sav'), path.join(dir, 'survey.sav'));
    const r = await runCliCaptured(['import', 'survey.sav', '--out', 'specs/s.survey.yaml'], dir);
    assert.equal(r.code, 2, 'the output folder does not exist: one-line error');
    assert.match(r.err, /specs\/s\.survey\.yaml: cannot write the file \(ENOENT\)/);
    const ok = await runCliCaptured(['import', 'survey.sav'], dir);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /wrote survey\.survey\.yaml: 1 question, weight wt_final, demographics age, gender, income, party, region/);
    assert.match(ok.out, /validate: 0 errors, 0 warnings/);
    const file = path.join(dir, 'survey.survey.yaml');
    const text = readFileSync(file, 'utf8');
    const spec = parse(text) as Spec;
    assert.deepEqual(problems(file), { errors: [], warnings: [] });
    assert.equal(spec.name, 'Persona Studio test survey', 'the file label');
    assert.equal(spec.human.data, './survey.sav');
    assert.equal(spec.human.weight, 'wt_final');
    assert.equal(spec.human.id, 'id');
    assert.deepEqual(spec.human.missing, ['', 8, 9], 'trust_in_government declares 8 and 9 user-missing (survey.sps)');
    assert.deepEqual(spec.questions, [
      {
        id: 'trust_in_government',
        text: 'How much of the time do you think you can trust the government in Washington to do what is right?',
        type: 'ordinal',
        options: ['Just about always', 'Most of the time', 'Only some of the time', 'Never', "Don't know"],
        codes: [1, 2, 3, 4, 5],
      },
    ]);
    assert.deepEqual(spec.human.demographics!.gender, { column: 'sex', map: { '1': 'Male', '2': 'Female' } });
    assert.deepEqual(spec.human.demographics!.income!.map!['98'], null, 'a user-missing code of a demographic maps to null');
    // the comments say why
    assert.match(text, /# weight: the file names "wt_final" as its weight variable \(SPSS WEIGHT BY\)/);
    assert.match(text, /# gender: the column name "sex" looks like sex\/gender/);
    assert.match(text, /missing, so not an option: 8 "Refused", 9 "Not asked"/);
    assert.match(text, /# {3}open_comment: a string variable/);
  });

  for (const file of ['bfi.sav', 'bfi-haven.sav', 'ces11.sav', 'survey-haven.zsav', 'survey-uncompressed.sav']) {
    it(`${file}: the written spec validates with zero errors and zero warnings`, async () => {
      copyFileSync(path.join(SAV, file), path.join(dir, file));
      const r = await runCliCaptured(['import', file, '--out', 'x.survey.yaml'], dir);
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(problems(path.join(dir, 'x.survey.yaml')), { errors: [], warnings: [] });
      const spec = parse(readFileSync(path.join(dir, 'x.survey.yaml'), 'utf8')) as Spec;
      if (file.startsWith('bfi')) {
        assert.equal(spec.questions.length, 25);
        assert.deepEqual(spec.questions[0]!.codes, [1, 2, 3, 4, 5, 6], '-9 "No answer" is user-missing, not an option');
        assert.deepEqual(spec.human.missing, ['', -9]);
      }
      if (file === 'ces11.sav') assert.equal(spec.human.weight, 'weight');
    });
  }

  it('examples/sav/atp-style.survey.yaml is exactly what import writes for examples/sav/atp-style.sav', async () => {
    const example = path.resolve(__dirname, '../../../examples/sav');
    copyFileSync(path.join(example, 'atp-style.sav'), path.join(dir, 'atp-style.sav'));
    const r = await runCliCaptured(['import', 'atp-style.sav'], dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /3 questions, weight WEIGHT_W34, demographics age, gender, education, race, income, party, region/);
    assert.equal(readFileSync(path.join(dir, 'atp-style.survey.yaml'), 'utf8'), readFileSync(path.join(example, 'atp-style.survey.yaml'), 'utf8'));
  });

  it('never overwrites without --force; --force replaces atomically', async () => {
    copyFileSync(path.join(SAV, 'survey.sav'), path.join(dir, 'survey.sav'));
    writeFileSync(path.join(dir, 'mine.survey.yaml'), 'name: mine\n');
    const r = await runCliCaptured(['import', 'survey.sav', '--out', 'mine.survey.yaml'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /mine\.survey\.yaml already exists; pass --force/);
    assert.equal(readFileSync(path.join(dir, 'mine.survey.yaml'), 'utf8'), 'name: mine\n');
    const f = await runCliCaptured(['import', 'survey.sav', '--out', 'mine.survey.yaml', '--force'], dir);
    assert.equal(f.code, 0, f.err);
    assert.match(readFileSync(path.join(dir, 'mine.survey.yaml'), 'utf8'), /trust_in_government/);
    assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tmp')), [], 'no temporary file left');
  });

  it('a truncated .sav: one line naming the file and where, exit 2, nothing written', async () => {
    writeFileSync(path.join(dir, 'cut.sav'), readFileSync(path.join(SAV, 'bfi.sav')).subarray(0, 60_000));
    const r = await runCliCaptured(['import', 'cut.sav'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    assert.match(r.err, /cut\.sav: truncated: .*byte \d+/);
    assert.equal(existsSync(path.join(dir, 'cut.survey.yaml')), false);
  });

  it('bad usage: not a .sav or codebook, a codebook without --data, an --out that is not a survey spec', async () => {
    writeFileSync(path.join(dir, 'cb.csv'), 'variable,label,code,code label,missing\nq1,Q?,1,Yes,\n');
    writeFileSync(path.join(dir, 'data.csv'), 'q1\n1\n');
    for (const [args, want] of [
      [['import', 'x.xlsx'], /import reads an SPSS \.sav\/\.zsav file or a CSV codebook/],
      [['import', 'cb.csv'], /a codebook describes CSV data; pass --data/],
      [['import', 'cb.csv', '--data', 'cb.csv', '--out', 'x.yaml'], /must end in \.survey\.yaml/],
      // a codebook whose only variable has one answer label: nothing can be a closed question
      [['import', 'cb.csv', '--data', 'data.csv'], /no variable has two or more value labels/],
    ] as const) {
      const r = await runCliCaptured(args, dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, want);
    }
  });

  it('a CSV codebook with --data: labels, codes and missing codes from the codebook; validates cleanly', async () => {
    writeFileSync(
      path.join(dir, 'codebook.csv'),
      [
        'variable,label,code,code label,missing',
        'resp_id,Respondent id,,,',
        'q_econ,"How would you rate economic conditions in this country today?",1,Excellent,',
        'q_econ,,2,Good,',
        'q_econ,,3,Only fair,',
        'q_econ,,4,Poor,',
        'q_econ,,99,Refused,yes',
        'q_vote,Did you vote in the last election?,1,Yes,',
        'q_vote,,2,No,',
        'q_vote,,8,Don\'t know,yes',
        'gender,Gender,1,Man,',
        'gender,,2,Woman,',
        'gender,,3,Another gender,',
        'WEIGHT_W34,Wave 34 weight,,,',
        'not_in_data,A variable of the codebook the data lacks,1,A,',
        'not_in_data,,2,B,',
      ].join('\n'),
    );
    writeFileSync(path.join(dir, 'w34.csv'), 'resp_id,q_econ,q_vote,gender,WEIGHT_W34\n1,1,1,1,0.5\n2,99,2,2,1.5\n3,4,8,3,1\n4,2,1,1,2\n');
    const r = await runCliCaptured(['import', 'codebook.csv', '--data', 'w34.csv', '--out', 'w34.survey.yaml'], dir);
    assert.equal(r.code, 0, r.err);
    const file = path.join(dir, 'w34.survey.yaml');
    assert.deepEqual(problems(file), { errors: [], warnings: [] });
    const text = readFileSync(file, 'utf8');
    const spec = parse(text) as Spec;
    assert.equal(spec.human.data, './w34.csv');
    assert.equal(spec.human.weight, 'WEIGHT_W34');
    assert.match(text, /# weight: guessed from the column name "WEIGHT_W34"/);
    assert.equal(spec.human.id, 'resp_id');
    assert.deepEqual(spec.human.missing, ['', 8, 99]);
    assert.deepEqual(spec.questions.map((q) => [q.id, q.codes, q.options]), [
      ['q_econ', [1, 2, 3, 4], ['Excellent', 'Good', 'Only fair', 'Poor']],
      ['q_vote', [1, 2], ['Yes', 'No']],
    ]);
    assert.deepEqual(spec.human.demographics!.gender, { column: 'gender', map: { '1': 'Man', '2': 'Woman', '3': 'Another gender' } });
    assert.match(text, /not_in_data: not a column of w34\.csv/);
  });
});
