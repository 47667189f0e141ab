import { createHash } from 'node:crypto';
import * as nodePath from 'node:path';
import type { Table } from '../../data';
import { publicBaseUrl } from '../../llm/endpointConfig';
import { canonicalJson } from '../../runStore/canonicalJson';
import { openRunStore, RunStoreError } from '../../runStore/openRunStore';
import type { ImportSpec, PersonaSpec } from '../../specModel/personaSpec';
import type { MatchingStageConfig } from '../matching/matchingConfig';
import type { DirectMethod, MethodPersonaRecord } from '../personaMethods/methodPersona';
import { methodPersonas } from '../personaMethods/methodPersonas';
import { formatPersonasFile, isProfileMethod, personasFilePath, readPersonasFile, scanPersonasFile } from '../personaMethods/personasFile';
import { importedPersonaRecords } from '../personaMethods/importedPersonas';
import { writeLinesAtomic } from '../../runStore/writeFileAtomic';
import { fromSpecModel } from '../shared/modelSettings';
import type { PipelineFiles } from '../shared/pipelineFiles';
import { PipelineError } from '../shared/pipelineError';
import { RequestSender, type LlmAccess, type SenderCounts } from '../shared/requestSender';
import type { StageContext, StageProgressEvent } from '../shared/stageContext';
import { runsRoot } from './runFolders';
import { estimateRunCost } from '../../llm/estimateRunCost';
import type { ModelPrice } from '../../llm/modelPrices';
import type { PlannedRequest } from '../../llm/plannedRequest';
import type { StudyEstimate } from './estimateStudy';

/** What making (or finding) the personas of a direct method needs; the study options it reads, as plain data. */
export interface DirectPersonaOptions {
  readonly access: LlmAccess;
  readonly endpoint: { readonly baseUrl: string };
  readonly model?: string;
  readonly count?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: StageProgressEvent) => void;
  readonly onMessage?: (line: string) => void;
  readonly versions?: Readonly<Record<string, string>>;
  readonly now?: () => Date;
  /** Called with the estimate of the generation requests still to send (LLM rungs); resolve `false` to stop. */
  readonly confirm?: (estimate: StudyEstimate) => boolean | Promise<boolean>;
  readonly prices?: Readonly<Record<string, ModelPrice>>;
  readonly howToSetPrice?: string;
  /**
   * `false` (generate): the personas are only written, not returned, so an imported set is streamed from its file to
   * the personas file and an existing file is only checked line by line (a million personas are never in memory).
   * @default true
   */
  readonly keep?: boolean;
}

/** bio / qa / portray: the survey whose respondents the personas are written from. */
export interface ProfileSource {
  readonly surveyBase: string;
  readonly matching: MatchingStageConfig;
  readonly humans: Table;
}

export interface DirectPersonasResult {
  /** The personas file (next to the persona spec). */
  readonly path: string;
  /** Every record, failed ones included (empty with `keep: false`). */
  readonly records: MethodPersonaRecord[];
  /** Personas in the file, and records that failed (no text). */
  readonly personas: number;
  readonly failed: number;
  /** True when the file was there already and was used as it is. */
  readonly existing: boolean;
  readonly requests: Readonly<SenderCounts>;
}

const NO_REQUESTS: SenderCounts = { requests: 0, fromJournal: 0, sent: 0, cached: 0, failed: 0, failedByReason: {}, promptTokens: 0, completionTokens: 0, tokensByModel: {} };
const isLadderRung = (m: DirectMethod): boolean => m === 'objective-tabular' || m === 'subjective-tabular' || m === 'descriptive';
const hashOf = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex');

/**
 * The personas of a direct method as the survey will be asked of them: the personas file when it exists (as the user
 * reviewed it: nothing is regenerated; delete the file to make them again), else made now and written there
 * atomically. Each record carries the hash of the settings it was made with (`settings`); a file made with other
 * settings (a changed prompt, census, model, seed or count) is an error, never silently used. LLM-written ladder
 * personas go through a journal in `runs/<persona spec>/generate/` (one request per persona with a stable id), so a
 * stopped `generate` or `simulate` resumes without re-sending what was answered.
 */
export async function directPersonas(persona: PersonaSpec, method: DirectMethod, seed: number, o: DirectPersonaOptions, files: PipelineFiles, profile?: ProfileSource): Promise<DirectPersonasResult> {
  if (isProfileMethod(method) && !profile) throw new PipelineError('config', `${persona.path}: ${method} personas are written from a survey's respondents; run persona-studio generate <survey.yaml> (or simulate) with a survey whose personas: names this spec, or pass --personas ${nodePath.basename(persona.path)}`);
  const path = personasFilePath(persona, profile?.surveyBase);
  const generator = persona.model ? fromSpecModel(persona.model, o.model) : o.model !== undefined ? { name: o.model, api: 'chat' as const, params: {} } : undefined;
  const count = o.count ?? persona.census?.count ?? 100;
  const counted = !isProfileMethod(method) && method !== 'import';
  // what the personas are made from: a file made with other settings is never used in their place
  const settings = hashOf({
    method,
    seed,
    ...(counted ? { count, census: persona.census ?? null } : {}),
    ...(isLadderRung(method) ? { generation: persona.generation ?? null, model: generator ?? null } : {}),
    ...(method === 'import' ? { import: persona.import ?? null } : {}),
    ...(profile ? { profile: persona.profile ?? null, variables: profile.matching.variables, human: profile.matching.humanDemographics, personaVariables: profile.matching.personaVariables } : {}),
  }).slice(0, 16);
  const keep = o.keep ?? true;
  const staleMessage = (): string => `${path} was made with other settings than ${nodePath.basename(persona.path)} has now (method, seed, census, generation, model${counted ? ', or --count' : ''}${profile ? ', profile or the survey\'s demographics' : ''} changed); delete it to make the personas again${counted ? ', or pass the --count it was made with' : ''}`;
  // simulate --count N of an imported set: the set streamed to the personas file once (as generate does), then only
  // its first N personas read back; never the whole set in memory
  const bounded = method === 'import' && keep && o.count !== undefined ? o.count : undefined;
  const streamed = !keep || bounded !== undefined;
  let found = streamed ? await scanPersonasFile(path, method, o.signal, bounded) : await readPersonasFile(files, path, method);
  let made = false;
  if (found === undefined && bounded !== undefined && persona.import) {
    await streamImport(path, persona.import, settings, o.signal);
    found = await scanPersonasFile(path, method, o.signal, bounded);
    made = true;
  }
  if (found !== undefined && !Array.isArray(found) && bounded !== undefined) {
    if ([...found.settings].some((h) => h !== settings)) throw new PipelineError('config', staleMessage());
    const using = found.first.filter((r) => r.text !== null).length;
    o.onMessage?.(`personas: ${made ? 'made' : 'found'} ${found.personas} in ${nodePath.basename(path)}${found.failed ? ` (${found.failed} failed)` : ''}; --count ${bounded}: the first ${using} are used`);
    return { path, records: found.first, personas: found.personas, failed: found.failed, existing: !made, requests: NO_REQUESTS };
  }
  if (found !== undefined) {
    const records = Array.isArray(found) ? found : [];
    const hashes = Array.isArray(found) ? new Set(found.flatMap((r) => (r.settings === undefined ? [] : [r.settings]))) : found.settings;
    if ([...hashes].some((h) => h !== settings)) throw new PipelineError('config', staleMessage());
    const failed = Array.isArray(found) ? found.filter((r) => r.text === null).length : found.failed;
    const personas = Array.isArray(found) ? found.length - failed : found.personas;
    o.onMessage?.(`personas: ${personas} in ${nodePath.basename(path)} already${failed ? ` (${failed} failed)` : ''}; delete the file to make them again`);
    if (counted && o.count !== undefined && o.count !== personas + failed) o.onMessage?.(`personas: --count ${o.count} asked, but ${nodePath.basename(path)} holds ${personas + failed}; they are used as they are`);
    return { path, records, personas, failed, existing: true, requests: NO_REQUESTS };
  }
  if (method === 'import' && !keep && persona.import) {
    const { personas, failed } = await streamImport(path, persona.import, settings, o.signal);
    return { path, records: [], personas, failed, existing: false, requests: NO_REQUESTS };
  }
  const inputs = { persona, method, seed, ...(counted ? { count } : {}), ...(profile ? { matching: profile.matching, humans: profile.humans } : {}), ...(generator ? { model: generator } : {}) };
  const base = { files, runDir: nodePath.dirname(path), ...(o.signal ? { signal: o.signal } : {}), ...(o.onProgress ? { onProgress: o.onProgress } : {}), ...(o.now ? { now: o.now } : {}) };
  let records: MethodPersonaRecord[];
  let requests: SenderCounts = NO_REQUESTS;
  if (!isLadderRung(method)) {
    records = (await methodPersonas(inputs, base)).records;
  } else {
    if (!generator) throw new PipelineError('config', `${persona.path}: no generator model; set model.name in the persona spec or pass --model`);
    const dir = nodePath.join(runsRoot(persona.path), 'generate');
    const specHash = hashOf({ method, seed, count, census: persona.census ?? null, generation: persona.generation ?? null, model: generator });
    let store;
    try {
      store = await openRunStore(dir, { manifest: { specHash, endpoint: { name: 'generate', baseUrl: publicBaseUrl(o.endpoint.baseUrl), model: generator.name }, params: {}, seeds: { personas: seed }, versions: o.versions ?? {} } });
    } catch (err) {
      if (RunStoreError.is(err)) throw new PipelineError('config', `${dir} holds the generation journal of other settings (${err.message}); delete that folder to generate the personas again`);
      throw err;
    }
    try {
      if (store.resumed && store.resume.answered.size > 0) o.onMessage?.(`generate: resuming, ${store.resume.answered.size} answers in the journal`);
      const llm = await RequestSender.open(store, o.access, { ...(o.signal ? { signal: o.signal } : {}) });
      const ctx: StageContext = { ...base, llm, runDir: dir };
      const answered = new Set(store.resume.answered.keys());
      // the generation requests not in the journal yet, priced one by one, confirmed before any is sent
      const beforeSend = async (plan: readonly PlannedRequest[]): Promise<void> => {
        if (!o.confirm) return;
        const e = await estimateRunCost(plan, { done: answered, batch: o.access.mode === 'batch', ...(o.prices ? { prices: o.prices } : {}), ...(o.howToSetPrice ? { howToSetPrice: o.howToSetPrice } : {}) });
        if (e.calls === 0) return;
        const counts = `${e.calls} ${method} persona generation requests (one per meta persona not in the journal yet)`;
        const estimate: StudyEstimate = { stages: { personas: { ...e, callsMax: e.calls, counts, costUsdFirstTry: e.costUsd } }, total: { calls: e.calls, callsMax: e.calls, costUsd: e.costUsd, costUsdFirstTry: e.costUsd, note: e.note } };
        if (!(await o.confirm(estimate))) throw new PipelineError('declined', 'stopped before sending anything: the estimate was not confirmed');
      };
      records = (await methodPersonas({ ...inputs, beforeSend }, ctx)).records;
      requests = { ...llm.counts };
      if (records.every((r) => r.text === null) && llm.counts.failed > 0) {
        const reasons = Object.entries(llm.counts.failedByReason).map(([r, n]) => `${r} ${n}`).join(', ');
        throw new PipelineError('input', `no persona was generated: ${llm.counts.failed} request(s) failed (${reasons}); each failure and the server's message are in ${nodePath.join(dir, 'journal.jsonl')}; fix the endpoint, model or API key and run the same command again`);
      }
    } finally {
      store.close();
    }
  }
  records = records.map((r) => ({ ...r, settings }));
  await files.writeTextAtomic(path, formatPersonasFile(records));
  const failed = records.filter((r) => r.text === null).length;
  return { path, records, personas: records.length - failed, failed, existing: false, requests };
}

/** An imported set streamed to its personas file (atomically), never the whole set in memory; each record with `settings`. */
async function streamImport(path: string, spec: ImportSpec, settings: string, signal?: AbortSignal): Promise<{ personas: number; failed: number }> {
  let personas = 0;
  let failed = 0;
  await writeLinesAtomic(path, (async function* () {
    for await (const r of importedPersonaRecords(spec, signal)) {
      if (r.text === null) failed++;
      else personas++;
      // the record with its settings hash as the last field, without copying the record
      yield `${JSON.stringify(r).slice(0, -1)},"settings":"${settings}"}\n`;
    }
  })());
  return { personas, failed };
}
