import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  exportFormatName,
  exportFormatVersion,
  maxImportBytes,
  parseExportFile,
  type ExportFile,
  type ParseExportResult,
} from '../../../../shared/formats/firebreakExport';
import { generateSampleIncident } from '../../../../shared/domain/sampleData';
import { formatHlcStamp } from '../../../../shared/domain/hlc';
import { defaultPriorityMatrix } from '../../../../shared/domain/priority';
import type { ResponderTeam } from '../../../../shared/domain/team';
import { makePlaybook } from '../playbookFixtures';
import { scenarioOfRecord, starterScenarioRecords, type ExerciseRecord, type ExerciseRunRecord } from '../../../../shared/domain/exerciseRecords';
import type { ExerciseRunEvent } from '../../../../shared/domain/exerciseClock';

const stamp = (n: number) => formatHlcStamp({ wallMs: Date.UTC(2026, 2, 10) + n, counter: 0, nodeId: 'device1' });
const stampAll = (record: object, n: number) => Object.fromEntries(Object.keys(record).map((field) => [field, stamp(n)]));

const securityOperations: ResponderTeam = {
  id: 'team-soc',
  name: 'Security Operations',
  description: 'Phishing, malware and account compromise',
  members: [
    { person: { id: 'p-kim', name: 'Kim Keyboard' }, role: 'lead' },
    { person: { id: 'p-ada', name: 'Ada Responder' }, role: 'member' },
  ],
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-02T00:00:00.000Z',
  deletedAt: null,
};

const malwarePlaybook = makePlaybook();

const scenarioRecord = starterScenarioRecords[0]!;
const facilitator = { id: 'p-kim', name: 'Kim Keyboard' };
const exerciseRun: ExerciseRunRecord = {
  id: '01941f29-7c00-7000-8000-0000000e0001',
  scenarioId: scenarioRecord.id,
  scenarioLineageId: scenarioRecord.lineageId,
  scenarioVersion: scenarioRecord.version,
  title: 'Spring tabletop',
  scheduledFor: null,
  initialMultiplier: 10,
  facilitator,
  createdAt: '2026-03-09T09:00:00.000Z',
  scenario: scenarioOfRecord(scenarioRecord),
  mode: 'room',
  deletedAt: null,
};
const startedEvent: ExerciseRunEvent = { id: '01941f29-7c00-7000-8000-0000000e0002', runId: exerciseRun.id, at: '2026-03-09T09:05:00.000Z', by: facilitator, kind: 'started' };
const hotWash: ExerciseRecord = {
  recordKind: 'hot_wash',
  id: '01941f29-7c00-7000-8000-0000000e0003',
  runId: exerciseRun.id,
  by: facilitator,
  at: '2026-03-09T11:00:00.000Z',
  kind: 'went_well',
  text: 'The backups were checked early',
};

function buildValidFile(): ExportFile {
  const options = { seed: 7, count: 30, periodDays: 30, endMs: Date.UTC(2026, 2, 10) };
  const samples = Array.from({ length: 30 }, (_, index) => generateSampleIncident(options, index));
  return {
    format: 'firebreak-export',
    formatVersion: exportFormatVersion,
    exportedAt: '2026-03-10T12:00:00.000Z',
    deviceId: 'device-1',
    incidents: samples.map(({ incident }, index) => ({ record: incident, fieldStamps: stampAll(incident, index) })),
    timelineEntries: samples.flatMap(({ timeline }) => timeline),
    tasks: samples.flatMap(({ tasks }) => tasks).map((task, index) => ({ record: task, fieldStamps: stampAll(task, index) })),
    settings: [
      { record: { key: 'priorityMatrix', value: defaultPriorityMatrix, updatedAt: '2026-03-01T00:00:00.000Z' }, fieldStamps: { value: stamp(99) } },
    ],
    responderTeams: [{ record: securityOperations, fieldStamps: stampAll(securityOperations, 100) }],
    playbooks: [{ record: malwarePlaybook, fieldStamps: stampAll(malwarePlaybook, 101) }],
    exerciseScenarios: [{ record: scenarioRecord, fieldStamps: stampAll(scenarioRecord, 102) }],
    exerciseRuns: [{ record: exerciseRun, fieldStamps: stampAll(exerciseRun, 103) }],
    exerciseRunEvents: [startedEvent],
    exerciseRecords: [{ record: hotWash, fieldStamps: stampAll(hotWash, 104) }],
  };
}

/** A parsed JSON file, to be damaged on purpose in arbitrary places. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseJson = Record<string, any>;

function errorOf(result: ParseExportResult): string {
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.error;
}

/** Deep copy of a valid file with one change applied. */
function withChange(change: (file: LooseJson) => void): string {
  const file = structuredClone(buildValidFile()) as LooseJson;
  change(file);
  return JSON.stringify(file);
}

describe('parseExportFile: valid input', () => {
  it('parses a file built from sample incidents with field stamps', () => {
    const file = buildValidFile();
    expect(file.tasks.length).toBeGreaterThan(0);
    expect(file.timelineEntries.length).toBeGreaterThan(file.incidents.length);
    const result = parseExportFile(JSON.stringify(file, null, 2));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.file).toEqual(file);
  });

  it('parses a version 1 file, written before responder teams, as having no teams', () => {
    const { responderTeams: _teams, ...withoutTeams } = { ...buildValidFile(), formatVersion: 1 };
    const result = parseExportFile(JSON.stringify(withoutTeams));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.file.responderTeams).toEqual([]);
  });

  it('parses a version 2 file, written before playbooks, as having no playbooks', () => {
    const { playbooks: _playbooks, ...withoutPlaybooks } = { ...buildValidFile(), formatVersion: 2 };
    const result = parseExportFile(JSON.stringify(withoutPlaybooks));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.file).toMatchObject({ formatVersion: 2, playbooks: [], responderTeams: [{ record: securityOperations }] });
  });

  it('parses a version 3 file, written before exercises, as having no exercise data', () => {
    const { exerciseScenarios: _s, exerciseRuns: _r, exerciseRunEvents: _e, exerciseRecords: _x, ...withoutExercises } = { ...buildValidFile(), formatVersion: 3 };
    const result = parseExportFile(JSON.stringify(withoutExercises));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.file).toMatchObject({ formatVersion: 3, exerciseScenarios: [], exerciseRuns: [], exerciseRunEvents: [], exerciseRecords: [], playbooks: [{ record: malwarePlaybook }] });
  });

  it('keeps the exercise tables of a version 4 file', () => {
    const result = parseExportFile(JSON.stringify(buildValidFile()));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.file.exerciseRuns[0]!.record).toEqual(exerciseRun);
      expect(result.file.exerciseRunEvents).toEqual([startedEvent]);
      expect(result.file.exerciseRecords[0]!.record).toEqual(hotWash);
    }
  });

  it('refuses a scenario that breaks a rule between fields (an inject released after one that does not exist)', () => {
    const file = buildValidFile();
    const [first, ...rest] = scenarioRecord.injects;
    const broken = { ...scenarioRecord, injects: [{ ...first!, release: { kind: 'after' as const, injectId: 'inject-999', minutes: 5 } }, ...rest] };
    const error = errorOf(parseExportFile(JSON.stringify({ ...file, exerciseScenarios: [{ record: broken, fieldStamps: stampAll(broken, 1) }] })));
    expect(error).toMatch(/exercise scenario .* is not valid: injects\.0\.release\.injectId: .*inject-999.*Nothing was imported/);
  });

  it('parses an empty export', () => {
    const empty = { format: exportFormatName, formatVersion: exportFormatVersion, exportedAt: '2026-03-10T12:00:00.000Z', deviceId: 'd', incidents: [], timelineEntries: [], tasks: [], settings: [] };
    expect(parseExportFile(JSON.stringify(empty)).ok).toBe(true);
  });
});

describe('parseExportFile: damaged or foreign input', () => {
  it.each(['', '   \n\t'])('says an empty file is empty (%j)', (text) => {
    expect(errorOf(parseExportFile(text))).toBe('The file is empty.');
  });

  it.each(['hello, this is a text file', 'INC-2026-K7QF-0001,Payments down\n', '<?xml version="1.0"?><export/>', "format: firebreak-export"])(
    'says non-JSON text is not JSON: %j',
    (text) => {
      expect(errorOf(parseExportFile(text))).toMatch(/not JSON.*Nothing was imported/);
    },
  );

  it('says truncated JSON is incomplete', () => {
    const text = JSON.stringify(buildValidFile());
    for (const cut of [1, 100, Math.floor(text.length / 2), text.length - 1]) {
      expect(errorOf(parseExportFile(text.slice(0, cut)))).toMatch(/not complete JSON.*truncated/);
    }
  });

  it.each([
    ['an object without the marker', '{"incidents": []}'],
    ['a foreign format', '{"format": "other-app-export", "formatVersion": 1}'],
    ['an array', '[{"format": "firebreak-export"}]'],
    ['a number', '42'],
    ['a string', '"firebreak-export"'],
    ['null', 'null'],
  ])('says %s is not a Firebreak export', (_label, text) => {
    expect(errorOf(parseExportFile(text))).toMatch(/not a Firebreak export.*"format": "firebreak-export"/);
  });

  it('refuses a newer format version and says to update', () => {
    const error = errorOf(parseExportFile(withChange((file) => (file.formatVersion = exportFormatVersion + 1))));
    expect(error).toMatch(new RegExp(`newer Firebreak \\(format ${exportFormatVersion + 1}\\)`));
    expect(error).toMatch(/update Firebreak/);
  });

  it.each([
    [0, 'formatVersion'],
    ['1', 'formatVersion'],
  ])('rejects the unsupported format version %j, naming the field', (version, path) => {
    expect(errorOf(parseExportFile(withChange((file) => (file.formatVersion = version))))).toContain(`damaged at ${path}`);
  });

  it.each([
    ['incidents[3].record.priority', (file: LooseJson) => (file.incidents[3].record.priority = 'P9')],
    ['incidents[0].record.title', (file: LooseJson) => (file.incidents[0].record.title = '')],
    ['incidents[1].record', (file: LooseJson) => (file.incidents[1].record.sneaky = true)],
    ['incidents[2].fieldStamps.title', (file: LooseJson) => (file.incidents[2].fieldStamps.title = 'yesterday')],
    ['timelineEntries[4].occurredAt', (file: LooseJson) => (file.timelineEntries[4].occurredAt = 'not a date')],
    ['tasks[0].record.state', (file: LooseJson) => (file.tasks[0].record.state = 'half-done')],
    ['exportedAt', (file: LooseJson) => delete file.exportedAt],
    ['incidents', (file: LooseJson) => (file.incidents = {})],
    ['responderTeams[0].record.members', (file: LooseJson) => file.responderTeams[0].record.members.push(file.responderTeams[0].record.members[0])],
    ['responderTeams[0].record.name', (file: LooseJson) => (file.responderTeams[0].record.name = '  ')],
    ['playbooks[0].record.steps', (file: LooseJson) => (file.playbooks[0].record.steps = [])],
    ['playbooks[0].record.status', (file: LooseJson) => (file.playbooks[0].record.status = 'blessed')],
    ['playbooks[0].fieldStamps.name', (file: LooseJson) => (file.playbooks[0].fieldStamps.name = 'last week')],
  ])('names the path of a bad field: %s', (path, change) => {
    const error = errorOf(parseExportFile(withChange(change)));
    expect(error).toContain(`damaged at ${path}`);
    expect(error).toMatch(/Nothing was imported\.$/);
  });

  it('counts further problems', () => {
    const error = errorOf(
      parseExportFile(
        withChange((file) => {
          file.incidents[0].record.priority = 'P9';
          file.incidents[1].record.priority = 'P9';
          file.incidents[2].record.stage = 'limbo';
        }),
      ),
    );
    expect(error).toContain('damaged at incidents[0].record.priority');
    expect(error).toContain('(and 2 more problems)');
  });

  it('rejects an unknown setting key and an invalid setting value', () => {
    expect(errorOf(parseExportFile(withChange((file) => (file.settings[0].record.key = 'colourScheme'))))).toContain('damaged at settings[0].record.key');
    const error = errorOf(
      parseExportFile(withChange((file) => (file.settings[0].record.value = { high: { high: 'P9' } }))),
    );
    expect(error).toBe('The setting "priorityMatrix" in the file is not valid. Nothing was imported.');
  });

  it('refuses a playbook that breaks the rules between its fields, naming it', () => {
    const danglingBranch = withChange((file) => {
      const decision = file.playbooks[0].record.steps.find((step: LooseJson) => step.kind === 'decision');
      decision.branches[0].stepIds = ['nowhere'];
    });
    expect(errorOf(parseExportFile(danglingBranch))).toMatch(
      /^The playbook "Sample response" \(version 1, playbooks\[0\]\) in the file is not valid: steps\.2\.branches\.0\.stepIds: .*"nowhere" that does not exist\. Nothing was imported\.$/,
    );
    const draftWithApproval = withChange((file) => (file.playbooks[0].record.status = 'draft'));
    expect(errorOf(parseExportFile(draftWithApproval))).toContain('approvedAt: A draft has not been approved yet');
  });

  it('gives a clear error for 50 MB of random junk, quickly', () => {
    const size = 50 * 1024 * 1024;
    // random bytes read as Latin-1: 50 M arbitrary characters, control characters included
    const junk = randomBytes(size).toString('latin1');
    expect(junk.length).toBe(size);
    const forcedText = 'x' + junk.slice(1);
    const forcedBrace = '{' + junk.slice(1);
    const started = performance.now();
    expect(errorOf(parseExportFile(forcedText))).toMatch(/not JSON/);
    expect(errorOf(parseExportFile(forcedBrace))).toMatch(/not complete JSON/);
    const error = errorOf(parseExportFile(junk));
    expect(error).toMatch(/^The file is not (complete )?JSON.*Nothing was imported\.$/);
    expect(error.length).toBeLessThan(300); // no echo of the junk
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('refuses text over the size limit before parsing it', () => {
    const tooBig = ' '.repeat(maxImportBytes + 1);
    expect(errorOf(parseExportFile(tooBig))).toBe('The file is larger than 200 MB, which is more than a Firebreak export can be.');
  });
});
