/** The result of reading one free-text answer to a multiple-choice question. */
export type ChoiceParse =
  | { readonly kind: 'answer'; readonly index: number; readonly via: 'label' | 'text' | 'both' }
  | { readonly kind: 'refusal' }
  | { readonly kind: 'non-compliant'; readonly why: 'none' | 'ambiguous' | 'disagree' };

// "A great deal", "A lot", … begin with the article A, not the label A.
const articleUses = /^A\s+(great|lot|little|good|bad|few|bit|couple|number|large|small)\b/i;
const refusalPatterns = [/\bas an ai\b/i, /\bi (?:can(?:'|no)t|cannot|won't|will not) (?:answer|provide|share|respond|choose)/i, /\bi'?m (?:not able|unable) to (?:answer|provide|choose)/i];

function labelsIn(text: string, labels: readonly string[]): Set<number> {
  const found = new Set<number>();
  const allowed = new Map(labels.map((l, i) => [l, i]));
  for (const m of text.matchAll(/(?<=^|[\s("'[*])([A-Z])(?=$|[\s)"'\].:,*])/g)) {
    const at = m.index ?? 0;
    if (m[1] === 'A' && articleUses.test(text.slice(at))) continue;
    const i = allowed.get(m[1]!);
    if (i !== undefined) found.add(i);
  }
  return found;
}

function optionsIn(text: string, options: readonly string[]): Set<number> {
  const lower = text.toLowerCase();
  const hits = options.map((o, i) => ({ i, o: o.toLowerCase().trim() })).filter(({ o }) => o !== '' && lower.includes(o));
  // "Agree" inside "Strongly agree": keep only the longest of nested matches
  const kept = hits.filter((h) => !hits.some((g) => g !== h && g.o.length > h.o.length && g.o.includes(h.o)));
  return new Set(kept.map((h) => h.i));
}

/**
 * The parse ladder of Anthology (Moon et al. 2024): find a single option label used as a label, and/or
 * exactly one option text (case-insensitive). One of them alone decides; when both are present they must
 * agree. A reply with neither that reads like a refusal is a refusal; otherwise it is non-compliant.
 */
export function parseChoiceAnswer(text: string, options: readonly string[], labels: readonly string[]): ChoiceParse {
  const byLabel = labelsIn(text, labels);
  const byText = optionsIn(text, options);
  if (byLabel.size > 1 || byText.size > 1) {
    if (byLabel.size === 1 && byText.size > 1 && byText.has([...byLabel][0]!)) return { kind: 'answer', index: [...byLabel][0]!, via: 'both' };
    return { kind: 'non-compliant', why: 'ambiguous' };
  }
  const label = [...byLabel][0];
  const option = [...byText][0];
  if (label !== undefined && option !== undefined) return label === option ? { kind: 'answer', index: label, via: 'both' } : { kind: 'non-compliant', why: 'disagree' };
  if (label !== undefined) return { kind: 'answer', index: label, via: 'label' };
  if (option !== undefined) return { kind: 'answer', index: option, via: 'text' };
  if (refusalPatterns.some((p) => p.test(text))) return { kind: 'refusal' };
  return { kind: 'non-compliant', why: 'none' };
}
