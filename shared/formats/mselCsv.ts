/**
 * The master scenario events list (MSEL) as CSV, the form trainers keep and edit in a
 * spreadsheet. One row per inject:
 *
 *   msel_number  1, 2, 3...
 *   release      "+00:15" (hours:minutes of exercise time after the start), "manual", or
 *                "after 3 +00:05" (five minutes after MSEL 3 was released; "after 3" means at once)
 *   channel      email, phone_call, news, chat, siem_alert, ticket, document, verbal (or their
 *                labels: "Phone call", "SIEM alert")
 *   from, to     the persona it comes from and the team or role it goes to
 *   title, content, facilitator_notes
 *   expected_actions  "Declare a major incident (5); Apply the ransomware playbook (10)": each
 *                action ends with its points in brackets; ";" separates them. Optional tags after
 *                the points: [objective: contain] ties it to an objective, and
 *                [auto: containment_recorded within=30] makes the app check it (settings:
 *                category=, playbook=<lineage id>, stage=, title="...", entry=, text="...",
 *                within=<minutes>). In descriptions, \; \[ \] and \\ stand for ; [ ] and \.
 *
 * The CSV carries the injects only; the scenario's title, objectives and other fields come from
 * the import context. Inject ids are not in the file: an inject keeps the id of the inject with
 * the same MSEL number in `context.previous`, and its actions their ids by position; new ones get
 * "inject-<MSEL number>" and "inject-<MSEL number>-<position>" (the starters use the same ids, so
 * they round-trip exactly).
 *
 * Import is all or nothing: every problem is reported as "Row N: ..." where N is the row as a
 * spreadsheet numbers it (the header is row 1), and one bad row imports nothing.
 */
import Papa from 'papaparse';
import {
  autoCheckSchema,
  injectChannelLabels,
  injectChannels,
  injectsInMselOrder,
  scenarioRuleErrors,
  scenarioSchema,
  type AutoCheck,
  type ExpectedAction,
  type Inject,
  type InjectChannel,
  type Scenario,
  type ScenarioHeader,
} from '../domain/exerciseScenario';
import { zodErrorsToFieldErrors } from '../domain/incident';

export const mselColumns = ['msel_number', 'release', 'channel', 'from', 'to', 'title', 'content', 'expected_actions', 'facilitator_notes'] as const;
export type MselColumn = (typeof mselColumns)[number];
export const maxMselCsvCharacters = 10 * 1024 * 1024;

export type MselImportContext = {
  /** The scenario the injects belong to. */
  scenario: ScenarioHeader;
  /** The scenario's current version, whose inject and action ids are kept where MSEL numbers match. */
  previous?: Pick<Scenario, 'injects'>;
};

export type MselImportResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

// ---------------------------------------------------------------------------------------------
// Release times

/** "+01:05" for 65 minutes: how an MSEL writes a time from the start. */
export function formatHoursMinutes(minutes: number): string {
  return `+${Math.floor(minutes / 60).toString().padStart(2, '0')}:${(minutes % 60).toString().padStart(2, '0')}`;
}

export function formatRelease(inject: Inject, injects: readonly Inject[]): string {
  switch (inject.release.kind) {
    case 'offset':
      return formatHoursMinutes(inject.release.minutes);
    case 'manual':
      return 'manual';
    case 'after': {
      const { injectId, minutes } = inject.release;
      const predecessor = injects.find((candidate) => candidate.id === injectId);
      return `after ${predecessor?.mselNumber ?? injectId} ${formatHoursMinutes(minutes)}`;
    }
  }
}

type ParsedRelease = { kind: 'offset'; minutes: number } | { kind: 'manual' } | { kind: 'after'; mselNumber: number; minutes: number };

/** Also reads "00:15" and "0:15:00", which is what a spreadsheet makes of "+00:15". */
export function parseRelease(text: string): ParsedRelease | null {
  const value = text.trim();
  if (/^manual$/i.test(value)) return { kind: 'manual' };
  const offset = /^\+?\s*(\d{1,3}):([0-5]\d)(?::00)?$/.exec(value);
  if (offset) return { kind: 'offset', minutes: Number(offset[1]) * 60 + Number(offset[2]) };
  const after = /^after\s+(?:msel\s*)?(\d{1,4})(?:\s*\+\s*(\d{1,3}):([0-5]\d)(?::00)?)?$/i.exec(value);
  if (after) return { kind: 'after', mselNumber: Number(after[1]), minutes: after[2] === undefined ? 0 : Number(after[2]) * 60 + Number(after[3]) };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Expected actions

const escapeText = (text: string) => text.replace(/[\\;[\]]/g, '\\$&');
const formatValue = (value: string | number) => (typeof value === 'number' || /^[A-Za-z0-9_.:-]+$/.test(value) ? String(value) : JSON.stringify(value));

export function formatAutoCheck(check: AutoCheck): string {
  const settings: [string, string | number][] = [];
  switch (check.kind) {
    case 'incident_created':
      if (check.category !== null) settings.push(['category', check.category]);
      break;
    case 'playbook_applied':
      settings.push(['playbook', check.playbookLineageId]);
      break;
    case 'containment_recorded':
      break;
    case 'stage_reached':
      settings.push(['stage', check.stage]);
      break;
    case 'task_completed':
      settings.push(['title', check.titleIncludes]);
      break;
    case 'timeline_entry':
      settings.push(['entry', check.entryKind]);
      if (check.textIncludes !== null) settings.push(['text', check.textIncludes]);
      break;
  }
  if (check.withinMinutes !== null) settings.push(['within', check.withinMinutes]);
  return [check.kind, ...settings.map(([name, value]) => `${name}=${formatValue(value)}`)].join(' ');
}

export function formatExpectedActions(actions: readonly ExpectedAction[]): string {
  return actions
    .map((action) => {
      let text = `${escapeText(action.description)} (${action.points})`;
      if (action.check !== null) text += ` [auto: ${formatAutoCheck(action.check)}]`;
      if (action.objectiveId !== null) text += ` [objective: ${action.objectiveId}]`;
      return text;
    })
    .join('; ');
}

const settingNames: Record<AutoCheck['kind'], Record<string, string>> = {
  incident_created: { category: 'category', within: 'withinMinutes' },
  playbook_applied: { playbook: 'playbookLineageId', within: 'withinMinutes' },
  containment_recorded: { within: 'withinMinutes' },
  stage_reached: { stage: 'stage', within: 'withinMinutes' },
  task_completed: { title: 'titleIncludes', within: 'withinMinutes' },
  timeline_entry: { entry: 'entryKind', text: 'textIncludes', within: 'withinMinutes' },
};
const optionalSettings: Record<string, null> = { category: null, withinMinutes: null, textIncludes: null };

/** Reads "containment_recorded within=30" into a check, or says what is wrong with it. */
export function parseAutoCheck(text: string): { ok: true; check: AutoCheck } | { ok: false; error: string } {
  const kindMatch = /^\s*([a-z_]+)/.exec(text);
  const kind = kindMatch?.[1] ?? '';
  if (!(kind in settingNames)) return { ok: false, error: `unknown automatic check "${kind}"; use one of ${Object.keys(settingNames).join(', ')}` };
  const names = settingNames[kind as AutoCheck['kind']];
  const candidate: Record<string, unknown> = { kind };
  for (const [field, value] of Object.entries(optionalSettings)) if (Object.values(names).includes(field)) candidate[field] = value;
  const pattern = /\s*([a-z_]+)=("(?:[^"\\]|\\.)*"|[^\s"]+)\s*/y;
  pattern.lastIndex = kindMatch![0].length;
  while (pattern.lastIndex < text.length) {
    const match = pattern.exec(text);
    if (!match) return { ok: false, error: `cannot read "${text.slice(pattern.lastIndex).trim()}" in [auto: ${text.trim()}]; write settings as name=value` };
    const [, name, raw] = match as unknown as [string, string, string];
    const field = names[name];
    if (!field) return { ok: false, error: `${kind} has no setting "${name}"${Object.keys(names).length > 0 ? `; it takes ${Object.keys(names).join(', ')}` : ''}` };
    let value: unknown = raw;
    if (raw.startsWith('"')) {
      try {
        value = JSON.parse(raw);
      } catch {
        return { ok: false, error: `the quoted value of ${name} is not closed properly` };
      }
    }
    if (field === 'withinMinutes') {
      if (!/^\d+$/.test(String(value))) return { ok: false, error: `within= takes a whole number of minutes, not "${String(value)}"` };
      value = Number(value);
    }
    candidate[field] = value;
  }
  const parsed = autoCheckSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const setting = Object.entries(names).find(([, field]) => field === issue.path[0])?.[0];
    return { ok: false, error: setting ? `${kind} needs a valid ${setting}=… (${issue.message})` : `${kind}: ${issue.message}` };
  }
  return { ok: true, check: parsed.data };
}

type RawExpectedAction = { text: string; tags: string[] };

/** Splits the cell at unescaped ";" and lifts [tags] out of each action. */
function splitExpectedActions(cell: string): { ok: true; items: RawExpectedAction[] } | { ok: false; error: string } {
  const items: RawExpectedAction[] = [];
  let current: RawExpectedAction = { text: '', tags: [] };
  const finish = () => {
    if (current.text.trim() !== '' || current.tags.length > 0) items.push(current);
    current = { text: '', tags: [] };
  };
  for (let index = 0; index < cell.length; index += 1) {
    const char = cell[index]!;
    if (char === ';') {
      finish();
      continue;
    }
    if (current.tags.length > 0 && !/\s/.test(char) && char !== '[') {
      return { ok: false, error: `expected action ${items.length + 1} has text after a [tag]; put tags at the end of the action` };
    }
    if (char === '\\' && index + 1 < cell.length) {
      current.text += cell[index + 1];
      index += 1;
    } else if (char === '[') {
      let end = index + 1;
      let inQuotes = false;
      for (; end < cell.length; end += 1) {
        const inner = cell[end];
        if (inQuotes && inner === '\\') end += 1;
        else if (inner === '"') inQuotes = !inQuotes;
        else if (!inQuotes && inner === ']') break;
      }
      if (end >= cell.length) return { ok: false, error: `expected action ${items.length + 1} opens a [ that is never closed (write \\[ for a bracket in the text)` };
      current.tags.push(cell.slice(index + 1, end));
      index = end;
    } else current.text += char;
  }
  finish();
  return { ok: true, items };
}

export function parseExpectedActions(cell: string, injectId: string, previousIds: readonly string[] = []): { ok: true; actions: ExpectedAction[] } | { ok: false; errors: string[] } {
  const split = splitExpectedActions(cell);
  if (!split.ok) return { ok: false, errors: [split.error] };
  const errors: string[] = [];
  const actions: ExpectedAction[] = [];
  split.items.forEach((item, index) => {
    const points = /^([\s\S]*?)\s*\((\d+)\)\s*$/.exec(item.text);
    const description = (points ? points[1]! : item.text).trim();
    const label = `expected action ${index + 1}${description ? ` ("${description}")` : ''}`;
    if (!points) {
      errors.push(`${label} has no points; end each action with its points in brackets, for example (5), and separate actions with ;`);
      return;
    }
    let check: AutoCheck | null = null;
    let objectiveId: string | null = null;
    for (const tag of item.tags) {
      const match = /^\s*(auto|objective)\s*:\s*([\s\S]*?)\s*$/i.exec(tag);
      if (!match) {
        errors.push(`${label} has an unknown tag [${tag}]; tags are [auto: ...] and [objective: ...]`);
        continue;
      }
      if (match[1]!.toLowerCase() === 'objective') objectiveId = match[2]!;
      else {
        const parsed = parseAutoCheck(match[2]!);
        if (parsed.ok) check = parsed.check;
        else errors.push(`${label}: ${parsed.error}`);
      }
    }
    actions.push({ id: previousIds[index] ?? `${injectId}-${index + 1}`, description, points: Number(points[2]), check, objectiveId });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, actions };
}

// ---------------------------------------------------------------------------------------------
// Export and import

/** The CSV text, injects in MSEL order, CRLF line ends (what spreadsheets write). */
export function exportMselCsv(scenario: Pick<Scenario, 'injects'>): string {
  const rows = injectsInMselOrder(scenario.injects).map((inject) => [
    String(inject.mselNumber),
    formatRelease(inject, scenario.injects),
    inject.channel,
    inject.fromPersona,
    inject.toAudience,
    inject.title,
    inject.content,
    formatExpectedActions(inject.expectedActions),
    inject.facilitatorNotes,
  ]);
  return `${Papa.unparse({ fields: [...mselColumns], data: rows }, { newline: '\r\n' })}\r\n`;
}

function channelFrom(text: string): InjectChannel | null {
  const value = text.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return injectChannels.find((channel) => channel === value || injectChannelLabels[channel].toLowerCase().replace(/\s+/g, '_') === value) ?? null;
}

type RowDraft = { rowNumber: number; inject: Omit<Inject, 'release'>; release: ParsedRelease };

/** Reads an MSEL CSV into the context's scenario; on any problem, every problem and nothing else. */
export function importMselCsv(text: string, context: MselImportContext): MselImportResult {
  if (text.length > maxMselCsvCharacters) return { ok: false, errors: ['The file is over 10 MB, which no MSEL is. Nothing was imported.'] };
  if (text.trim() === '') return { ok: false, errors: ['The file is empty. Nothing was imported.'] };
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const fatal = parsed.errors.find((error) => error.type === 'Quotes');
  if (fatal) return { ok: false, errors: [`Row ${(fatal.row ?? 0) + 2}: ${fatal.message}; check the quotes in that row. Nothing was imported.`] };
  const [header = [], ...rows] = parsed.data;
  const columnIndex = new Map(header.map((name, index) => [name.trim().toLowerCase(), index]));
  const missing = mselColumns.filter((column) => !columnIndex.has(column));
  if (missing.length > 0) {
    return { ok: false, errors: [`The CSV is missing the column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}. An MSEL CSV has the columns ${mselColumns.join(', ')}. Nothing was imported.`] };
  }
  const cell = (row: readonly string[], column: MselColumn) => row[columnIndex.get(column)!] ?? '';

  const errors: string[] = [];
  const drafts: RowDraft[] = [];
  const rowOfMsel = new Map<number, number>();
  const previousByMsel = new Map((context.previous?.injects ?? []).map((inject) => [inject.mselNumber, inject]));
  const usedIds = new Set<string>();
  rows.forEach((row, index) => {
    const rowNumber = index + 2;
    const rowErrors: string[] = [];
    const mselText = cell(row, 'msel_number').trim();
    const mselNumber = /^\d{1,4}$/.test(mselText) && Number(mselText) >= 1 ? Number(mselText) : null;
    if (mselNumber === null) rowErrors.push(`MSEL number "${mselText}" is not a whole number from 1 to 9999`);
    else if (rowOfMsel.has(mselNumber)) rowErrors.push(`MSEL number ${mselNumber} is already used on row ${rowOfMsel.get(mselNumber)}`);
    else rowOfMsel.set(mselNumber, rowNumber);
    const releaseText = cell(row, 'release');
    const release = parseRelease(releaseText);
    if (release === null) rowErrors.push(`bad release time "${releaseText.trim()}"; write +HH:MM after the start (for example +00:15), manual, or after <MSEL number> +HH:MM`);
    const channelText = cell(row, 'channel');
    const channel = channelFrom(channelText);
    if (channel === null) rowErrors.push(`unknown channel "${channelText.trim()}"; use one of ${injectChannels.join(', ')}`);
    if (cell(row, 'title').trim() === '') rowErrors.push('the title is empty');
    const previous = mselNumber === null ? undefined : previousByMsel.get(mselNumber);
    let id = previous?.id ?? `inject-${mselNumber ?? rowNumber}`;
    for (let suffix = 2; usedIds.has(id); suffix += 1) id = `inject-${mselNumber ?? rowNumber}-${suffix}`;
    usedIds.add(id);
    const actions = parseExpectedActions(cell(row, 'expected_actions'), id, previous?.expectedActions.map((action) => action.id));
    if (!actions.ok) rowErrors.push(...actions.errors);
    if (rowErrors.length > 0 || mselNumber === null || release === null || channel === null || !actions.ok) {
      errors.push(...rowErrors.map((message) => `Row ${rowNumber}: ${message}`));
      return;
    }
    drafts.push({
      rowNumber,
      release,
      inject: {
        id,
        mselNumber,
        channel,
        fromPersona: cell(row, 'from'),
        toAudience: cell(row, 'to'),
        title: cell(row, 'title'),
        content: cell(row, 'content'),
        expectedActions: actions.actions,
        facilitatorNotes: cell(row, 'facilitator_notes'),
      },
    });
  });
  if (rows.length === 0) errors.push('The CSV has a header but no injects.');

  // 'after' references, by MSEL number, checked only between rows that were readable.
  const draftByMsel = new Map(drafts.map((draft) => [draft.inject.mselNumber, draft]));
  const injects: Inject[] = [];
  for (const draft of drafts) {
    const { release } = draft;
    if (release.kind !== 'after') {
      injects.push({ ...draft.inject, release });
      continue;
    }
    const predecessor = draftByMsel.get(release.mselNumber);
    if (release.mselNumber === draft.inject.mselNumber) errors.push(`Row ${draft.rowNumber}: the inject is released after itself`);
    else if (!predecessor) {
      errors.push(
        rowOfMsel.has(release.mselNumber)
          ? `Row ${draft.rowNumber}: released after MSEL ${release.mselNumber}, whose row ${rowOfMsel.get(release.mselNumber)} has errors`
          : `Row ${draft.rowNumber}: released after MSEL ${release.mselNumber}, which is not in the file`,
      );
    } else injects.push({ ...draft.inject, release: { kind: 'after', injectId: predecessor.inject.id, minutes: release.minutes } });
  }
  if (errors.length > 0) return { ok: false, errors: sortByRow(errors) };

  const scenario: Scenario = { ...context.scenario, injects: injectsInMselOrder(injects) };
  // Field rules and cross-field rules together, so one pass shows every problem.
  const parsedScenario = scenarioSchema.safeParse(scenario);
  const problems = { ...(parsedScenario.success ? {} : zodErrorsToFieldErrors(parsedScenario.error)), ...scenarioRuleErrors(scenario) };
  if (Object.keys(problems).length > 0) {
    const rowOfInject = (index: number) => draftByMsel.get(scenario.injects[index]!.mselNumber)!.rowNumber;
    const messages = Object.entries(problems).map(([field, message]) => {
      const match = /^injects\.(\d+)\.(.*)$/.exec(field);
      return match ? `Row ${rowOfInject(Number(match[1]))}: ${readableField(match[2]!)}${message}` : `The scenario is not valid: ${field}: ${message}`;
    });
    return { ok: false, errors: sortByRow(messages) };
  }
  return { ok: true, scenario: scenarioSchema.parse(scenario) };
}

function readableField(path: string): string {
  const action = /^expectedActions\.(\d+)/.exec(path);
  if (action) return `expected action ${Number(action[1]) + 1}: `;
  if (path.startsWith('release')) return '';
  const column: Record<string, string> = { fromPersona: 'from', toAudience: 'to', facilitatorNotes: 'facilitator_notes', mselNumber: 'msel_number' };
  const field = path.split('.')[0]!;
  return `${column[field] ?? field}: `;
}

function sortByRow(errors: readonly string[]): string[] {
  const rowOf = (message: string) => Number(/^Row (\d+):/.exec(message)?.[1] ?? Number.MAX_SAFE_INTEGER);
  return errors.map((message, index) => ({ message, index })).sort((left, right) => rowOf(left.message) - rowOf(right.message) || left.index - right.index).map((entry) => entry.message);
}
