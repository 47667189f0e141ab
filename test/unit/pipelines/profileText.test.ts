// Demographic templates (bio / QA / portray), seeds-methods.md §1.3 and §1.6: the expected texts below are
// written out by hand from the formats quoted there (QA block, Anthology preambles, refused options removed).
import assert from 'node:assert/strict';
import { profileText, type ProfileVariable } from '../../../src/core/pipelines/profiles/profileText';
import { createRandom } from '../../../src/core/stats/createRandom';

const age: ProfileVariable = { name: 'age', question: 'What is your age?', options: ['18-29', '30-49', '50-64', '65+', 'Refused'], refused: 'Refused', sentence: 'My age is {{value}}.' };
const gender: ProfileVariable = { name: 'gender', question: 'What is your gender?', options: ['Male', 'Female', 'Refused'], refused: 'Refused', sentence: 'I consider my gender as {{value}}.' };

describe('profileText (demographic templates)', () => {
  it('writes the QA block of the Anthology baseline with the refused option removed and letters by position', () => {
    const text = profileText({ age: '30-49', gender: 'Female' }, [age, gender], { style: 'qa', shuffle: false });
    assert.equal(text, [
      'Below you will be asked to complete some demographic questions, and then answer a question.',
      '',
      'Question: What is your age?', '(A) 18-29', '(B) 30-49', '(C) 50-64', '(D) 65+', 'Answer with (A), (B), (C), or (D).', 'Answer: (B)',
      '',
      'Question: What is your gender?', '(A) Male', '(B) Female', 'Answer with (A) or (B).', 'Answer: (B)',
    ].join('\n'));
  });

  it('skips refused and missing traits', () => {
    const text = profileText({ age: 'Refused' }, [age, gender], { style: 'bio', shuffle: false });
    assert.equal(text, 'Below you will be asked to provide a short description of your demographic information, and then answer some questions.\n\nDescription:');
  });

  it('writes bio sentences and portray lines', () => {
    assert.equal(profileText({ age: '65+', gender: 'Male' }, [age, gender], { style: 'bio', shuffle: false, preamble: '' }),
      'My age is 65+. I consider my gender as Male.');
    assert.equal(profileText({ age: '65+', gender: 'Male' }, [age, { ...gender, topic: 'Gender' }], { style: 'portray', shuffle: false, preamble: '' }),
      'age: 65+\nGender: Male');
  });

  it('shuffles the trait order with the seeded generator, reproducibly, and uses both orders over seeds', () => {
    const values = { age: '18-29', gender: 'Male' };
    const a = profileText(values, [age, gender], { style: 'portray', preamble: '' }, createRandom(1));
    const b = profileText(values, [age, gender], { style: 'portray', preamble: '' }, createRandom(1));
    assert.equal(a, b);
    const orders = new Set(Array.from({ length: 20 }, (_, s) => profileText(values, [age, gender], { style: 'portray', preamble: '' }, createRandom(s))));
    assert.equal(orders.size, 2);
  });

  it('rejects a value that is not one of the options', () => {
    assert.throws(() => profileText({ age: '40' }, [age], { style: 'bio' }), RangeError);
  });
});
