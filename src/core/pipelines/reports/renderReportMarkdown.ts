import { formatUsd } from '../../llm/formatUsd';
import { intervalLabel, intervalNoteLine } from './intervalText';
import type { RunReport } from './runReport';

const fmt = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(4));

/** Fences text so any backticks inside stay literal. */
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}text\n${text}\n${ticks}`;
}

/** `report.md`: the methods/disclosure report as Markdown (the same content as `report.json`). */
export function renderReportMarkdown(r: RunReport): string {
  const out: string[] = [];
  out.push(`# Methods report: ${r.survey.name} — run ${r.run.id}`, '', `> **${r.label}**`, '');
  out.push('## Run', '', '| | |', '|---|---|');
  out.push(`| kind | ${r.run.kind} |`, `| method | ${r.run.method} |`, `| status | ${r.run.status} |`, `| created | ${r.run.createdAt} |`, `| updated | ${r.run.updatedAt} |`);
  out.push(`| survey spec | \`${r.survey.path}\` (SHA-256 \`${r.survey.sha256}\`) |`);
  if (r.survey.humanData) out.push(`| human data | \`${r.survey.humanData}\`${r.survey.weighted ? ' (survey-weighted)' : ''} |`);
  if (r.personas) out.push(`| persona spec | \`${r.personas.path}\` (${r.personas.method}; SHA-256 \`${r.personas.sha256}\`) |`);
  if (r.endpoint) out.push(`| endpoint | ${r.endpoint.baseUrl}${r.endpoint.kind ? ` (${r.endpoint.kind})` : ''} |`);
  out.push('');
  if (r.survey.description) out.push(r.survey.description, '');
  if (r.models.length > 0) {
    out.push('## Models and parameters', '', '| role | endpoint | model | api | temperature | top_p | max_tokens | stop | seed | n | logprobs | other |', '|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const m of r.models) {
      const s = m.settings;
      const other = [`presence_penalty ${s.presence_penalty}`, `frequency_penalty ${s.frequency_penalty}`, ...(s.top_logprobs !== undefined ? [`top_logprobs ${s.top_logprobs}`] : []), ...Object.entries(s.extra).map(([k, v]) => `${k} ${JSON.stringify(v)}`)].join(', ');
      out.push(`| ${m.role} | ${m.endpoint ?? '—'} | ${s.name} | ${s.api} | ${s.temperature} | ${s.top_p} | ${s.max_tokens ?? 'server default'} | ${s.stop ? s.stop.map((x) => JSON.stringify(x)).join(' ') : '—'} | ${s.seed ?? '—'} | ${s.n} | ${s.logprobs} | ${other} |`);
    }
    out.push('');
  }
  out.push('## Seeds', '', ...(Object.keys(r.seeds).length ? Object.entries(r.seeds).map(([k, v]) => `- ${k}: ${v}`) : ['- none']), '');
  const e = r.elicitation;
  out.push('## Elicitation', '', `- mode: ${e.mode}; question order: ${e.order.questions}; Likert options: ${e.order.likert}; nominal options: ${e.order.nominal}`);
  out.push(`- answers by ${e.method}, ${e.samples} sample(s) per persona and question, up to ${e.maxReasks} re-ask(s)`);
  out.push(`- matching: ${e.matching.method}${e.matching.variables ? ` on ${e.matching.variables.join(', ')}` : ''}; demographics appended as ${e.matching.append}; seed ${e.matching.seed}`, '');
  out.push('## Refusals and non-compliance', '', r.refusalHandling, '');
  if (Object.keys(r.prompts).length > 0) {
    out.push('## Prompt templates (verbatim)', '');
    for (const [name, text] of Object.entries(r.prompts)) out.push(`### \`${name}\``, '', fence(text), '');
  }
  if (r.baselines) out.push('## Baselines', '', fence(JSON.stringify(r.baselines, null, 2)), '');
  const t = r.totals;
  out.push('## Calls, tokens and cost', '', `- calls: ${t.calls}; prompt tokens: ${t.promptTokens}; completion tokens: ${t.completionTokens}; cost: ${t.costUsd === null ? `unknown (${t.costNote ?? 'no price for this model'})` : formatUsd(t.costUsd)}`);
  out.push(r.journal ? `- journal \`${r.journal.file}\`: ${r.journal.bytes} bytes, SHA-256 \`${r.journal.sha256}\`` : '- journal: none (no LLM call in this run)', '');
  if (r.metrics) {
    const b = r.metrics.human.bounds;
    out.push('## Metrics', '', `Human data: n = ${r.metrics.human.n}; split-half bound over ${b.splits} ${b.rule} splits: WD mean ${fmt(b.wd_mean)}, Frobenius ${fmt(b.frobenius)}.`, '');
    const methods = Object.entries(r.metrics.methods);
    const withIntervals = methods.map(([, m]) => m.intervals).find((iv) => iv !== undefined);
    const iv = (v: readonly [number, number] | null | undefined): string => (v ? `[${fmt(v[0])}, ${fmt(v[1])}]` : '—');
    out.push('| method | n | WD mean | WD mean interval | Frobenius | Frobenius interval | representativeness |', '|---|---|---|---|---|---|---|');
    // n = 0 is an exact distribution (the uniform baseline): no persona count
    for (const [name, m] of methods) out.push(`| ${name} | ${m.n === 0 ? 'exact' : m.n} | ${fmt(m.wd_mean)} | ${iv(m.intervals?.wd_mean)} | ${fmt(m.frobenius)} | ${iv(m.intervals?.frobenius)} | ${fmt(m.representativeness)} |`);
    out.push('', 'Every metric, per question, with intervals and reasons for missing values: `analysis.json` and `metrics.csv`.');
    if (withIntervals) {
      out.push(`Intervals: ${intervalLabel(withIntervals)}, with both samples resampled (for an exact distribution, the humans only); for a distance they lie above the estimate, because resampling adds noise to both sides. Read them as its spread, and compare the estimate itself with the human split-half bound.`);
      const notes = methods.map(([name, m]) => intervalNoteLine(name, m, m.intervals_note)).filter((line): line is string => line !== undefined);
      if (notes.length > 0) out.push('', ...notes.map((line) => `- ${line}`));
    }
    out.push('');
  }
  out.push('---', `Generated ${r.generatedAt} by Persona Studio. ${r.label}`, '');
  return out.join('\n');
}
