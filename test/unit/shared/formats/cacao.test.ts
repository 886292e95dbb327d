import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeBase64Text,
  exportCacaoPlaybook,
  firebreakExtensionId,
  importCacaoPlaybook,
  uuidFromText,
  type CacaoDocument,
  type CacaoImportContext,
  type CacaoImportResult,
} from '../../../../shared/formats/cacao';
import { validatePlaybook, validatePlaybookContent, type Playbook, type PlaybookContent, type PlaybookStep } from '../../../../shared/domain/playbook';
import { starterPlaybooks } from '../../../../shared/domain/starterPlaybooks';
import { fixedNowIso, testUuid } from '../fixtures';
import { actionStep, makePlaybook, responder } from '../playbookFixtures';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
/** Third-party samples and the official schemas, kept outside the repository (see its README). */
const sharedCacao = resolve(repoRoot, '../shared/fixtures/cacao');
const ownFixtures = resolve(repoRoot, 'test/fixtures/cacao');
if (!existsSync(sharedCacao)) throw new Error(`The CACAO samples and schemas are expected at ${sharedCacao}`);

type Json = Record<string, unknown>;
const readJson = (path: string): Json => JSON.parse(readFileSync(path, 'utf8')) as Json;

// The schemas declare draft-07, so they are checked as draft-07: there "unevaluatedProperties" is
// not a keyword. Read that way, exactly the samples the fixtures README calls valid pass (tested
// below), which shows the validator is set up as the schema authors intended.
function loadPlaybookSchema(): { validate: ValidateFunction; schemas: Map<string, Json> } {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const schemas = new Map<string, Json>();
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory)) {
      const path = join(directory, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.json')) {
        const schema = readJson(path);
        ajv.addSchema(schema);
        schemas.set(path.slice(join(sharedCacao, 'schemas').length + 1), schema);
      }
    }
  };
  walk(join(sharedCacao, 'schemas'));
  return { validate: ajv.getSchema('https://raw.githubusercontent.com/oasis-open/cacao-json-schemas/main/schemas/playbook.json')!, schemas };
}
const { validate: validateCacao, schemas } = loadPlaybookSchema();

function schemaErrors(document: unknown): string[] {
  return validateCacao(document) ? [] : (validateCacao.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

/** Properties the schemas define, to catch an export that adds fields CACAO does not know. */
function definedProperties(schemaPath: string): Set<string> {
  const schema = schemas.get(schemaPath)!;
  const parts = [schema, ...((schema.allOf as Json[] | undefined) ?? [])];
  return new Set(parts.flatMap((part) => Object.keys((part.properties as Json | undefined) ?? {})));
}

function expectOnlyDefinedProperties(document: CacaoDocument): void {
  const playbookProperties = definedProperties('playbook.json');
  expect(Object.keys(document).filter((key) => !playbookProperties.has(key))).toEqual([]);
  const common = definedProperties('workflows/workflow-step.json');
  for (const step of Object.values(document.workflow as Record<string, Json>)) {
    const allowed = new Set([...common, ...definedProperties(`workflows/${step.type as string}.json`)]);
    expect(Object.keys(step).filter((key) => !allowed.has(key))).toEqual([]);
  }
}

const importContext = (): CacaoImportContext => ({ id: testUuid(), lineageId: testUuid(), actor: { person: responder, role: 'responder' }, nowIso: fixedNowIso });

function imported(result: CacaoImportResult): { playbook: Playbook; warnings: string[] } {
  if (!result.ok) throw new Error(result.error);
  expect(validatePlaybook(result.playbook).ok).toBe(true);
  return result;
}

function refusal(result: CacaoImportResult): string {
  expect(result).not.toHaveProperty('playbook');
  return result.ok ? '' : result.error;
}

const importFile = (path: string) => imported(importCacaoPlaybook(readFileSync(path, 'utf8'), importContext()));
const sample = (name: string) => join(sharedCacao, 'examples', name);
const own = (name: string) => join(ownFixtures, name);

/** The workflow as a tree from workflow_start, without start and end steps: what a reader follows. */
type Shape = { id: string; type: string; name: unknown; branches?: Record<string, Shape[]> };
function shapeOf(document: CacaoDocument): Shape[] {
  const workflow = document.workflow as Record<string, Json>;
  const follow = (from: unknown): Shape[] => {
    const shapes: Shape[] = [];
    for (let current = from as string | undefined; current !== undefined; ) {
      const step = workflow[current]!;
      if (step.type === 'end') break;
      if (step.type !== 'start') {
        const shape: Shape = { id: current, type: step.type as string, name: step.name };
        if (step.type === 'if-condition') shape.branches = { true: follow(step.on_true), false: follow(step.on_false) };
        if (step.type === 'switch-condition') shape.branches = Object.fromEntries(Object.entries(step.cases as Json).map(([key, target]) => [key, follow(target)]));
        shapes.push(shape);
      }
      current = (step.on_completion ?? step.on_success) as string | undefined;
    }
    return shapes;
  };
  return follow(document.workflow_start);
}

const outline = (steps: readonly PlaybookStep[]) =>
  steps.map((step) => (step.kind === 'decision' ? `? ${step.question} ${step.branches.map((branch) => `[${branch.label}: ${branch.stepIds.length}]`).join(' ')}` : `- ${step.title}`));

describe('the CACAO schema check used by these tests', () => {
  it('agrees with the fixtures README: three samples are valid, the layout example is not', () => {
    const results = Object.fromEntries(
      readdirSync(join(sharedCacao, 'examples'))
        .filter((name) => name.endsWith('.json'))
        .map((name) => [name, schemaErrors(readJson(sample(name))).length === 0]),
    );
    expect(results).toEqual({
      'oasis-tcs_cacao__basic-example-1.json': true,
      'oasis-tcs_cacao__layout-extension-example-switch-condition.json': false,
      'oasis-tcs_cacao__spec-3.1-example.json': true,
      'soarca__manual-playbook.json': true,
    });
    expect(schemaErrors(readJson(sample('oasis-tcs_cacao__layout-extension-example-switch-condition.json')))).toContain(
      "/workflow/action--4005472a-0b74-48c6-b04b-45bb8cf2b1ae must have required property 'agent'",
    );
  });

  it('finds our own valid test playbooks valid', () => {
    expect(schemaErrors(readJson(own('decisions.json')))).toEqual([]);
    expect(schemaErrors(readJson(own('parallel.json')))).toEqual([]);
    expect(schemaErrors(readJson(own('lax.json')))).not.toEqual([]);
  });
});

describe('importCacaoPlaybook: the real samples', () => {
  it('basic example: an ssh action becomes a step to do by hand, with its agent as the role', () => {
    const { playbook, warnings } = importFile(sample('oasis-tcs_cacao__basic-example-1.json'));
    expect(playbook).toMatchObject({ name: 'Bad MAC Address', status: 'draft', version: 1, kinds: ['security'], categories: [], externalId: 'playbook--fe85f68d-1960-4596-96a2-228113e143cf' });
    expect(playbook.steps).toEqual([
      {
        kind: 'action',
        id: 'action--6398eb05-3eb8-43f5-87d3-f24e07492a41',
        phase: 'detection_analysis',
        title: 'Block MAC address',
        instructions:
          'This command blocks a MAC address on a switch.\n\nRun this ssh command on Network Admin:\n\n```\nSwitch(conf)#mac address-table static 3467.0933.341c vlan X drop\n```\n\nTargets: Switch (security-category)',
        role: 'Network Admin',
        isRequired: true,
        expectedMinutes: null,
        links: [],
        callsPlaybook: null,
      },
    ]);
    expect(warnings).toEqual([
      'CACAO has no response phases: 1 step was placed in the phase of the step before (or Detection and analysis). Check the phases before approving.',
      'Commands meant for machines (ssh) became instructions to carry out by hand.',
    ]);
  });

  it('layout example: the switch becomes a question with one answer per case; missing required fields are warnings', () => {
    const { playbook, warnings } = importFile(sample('oasis-tcs_cacao__layout-extension-example-switch-condition.json'));
    expect(outline(playbook.steps)).toEqual([
      '? switch case example [1: 1] [2: 1] [Any other answer: 1]',
      '- Handle case 1',
      '- Handle case 2',
      '- Handle default case',
      '- Action step after Switch condition',
    ]);
    const question = playbook.steps[0]!;
    expect(question.kind === 'decision' && question.branches.map((branch) => [branch.id, branch.stepIds])).toEqual([
      ['1', ['action--4005472a-0b74-48c6-b04b-45bb8cf2b1ae']],
      ['2', ['action--63483dce-6122-4975-8c7c-795d2453243d']],
      ['default', ['action--9a4ef680-ba51-4c1b-9b2d-715caf06ef3a']],
    ]);
    expect(warnings).toEqual([
      'Extensions Firebreak does not use were left out: CACAO Layout.',
      'CACAO has no response phases: 5 steps were placed in the phase of the step before (or Detection and analysis). Check the phases before approving.',
      '1 switch-condition step has no "switch", which CACAO requires; imported anyway.',
      '4 action steps have no "commands", which CACAO requires; imported anyway.',
      '4 action steps have no "agent", which CACAO requires; imported anyway.',
    ]);
  });

  it('spec example 3.1: labels give the category, activities give the phase, references join the summary', () => {
    const { playbook, warnings } = importFile(sample('oasis-tcs_cacao__spec-3.1-example.json'));
    expect(warnings).toEqual([]);
    expect(playbook).toMatchObject({ name: 'Find Malware FuzzyPanda', kinds: ['security'], categories: ['malware'] });
    expect(playbook.summary).toBe(
      'This playbook will look for FuzzyPanda on the network and in a SIEM\n\nReferences:\n- ACME Security FuzzyPanda Report — ACME security review of FuzzyPanda 2021 — ACME Security Company, Solutions for FuzzyPanda 2021, January 2021. Available online: hxxp://www[.]example[.]com/info/fuzzypanda2021.html — hxxp://www[.]example[.]com/info/fuzzypanda2021.html',
    );
    expect(playbook.steps).toMatchObject([
      { title: 'IP Lookup', phase: 'detection_analysis', role: 'IR team', instructions: 'Lookup the IP address in the SIEM\n\nLook up IP __data_exfil_site__:value in SIEM' },
    ]);
  });

  it('SOARCA manual playbook: the output variable becomes what to record', () => {
    const { playbook } = importFile(sample('soarca__manual-playbook.json'));
    expect(playbook.steps).toMatchObject([
      {
        title: 'manual',
        role: 'soarca-manual',
        instructions:
          'Instruction to the operator to be executed manually\n\nprepare Falcon for hyperspeed jump\n\nTargets: Luke Skywalker (individual)\n\nRecord the result:\n- __hyperspeed_ready__: set value to true or false when the request is completed',
      },
    ]);
  });
});

describe('importCacaoPlaybook: our own test playbooks', () => {
  it('if-condition and switch-condition become questions whose answers hold their branch', () => {
    const { playbook, warnings } = importFile(own('decisions.json'));
    expect(outline(playbook.steps)).toEqual([
      '- Collect the alert details',
      '? Is the host a server? [Yes: 2] [No: 1]',
      '- Page the server owner',
      '- Run the server isolation playbook',
      '- Isolate the laptop',
      '? What is the most sensitive data on the host? [confidential: 1] [public: 0] [Any other answer: 1]',
      '- Tell the data protection officer',
      '- Record the data classification',
      '- Write the incident report',
    ]);
    const [collect, server, , runPlaybook, isolate, classify] = playbook.steps;
    expect(collect).toMatchObject({ role: 'Incident lead', phase: 'detection_analysis', links: [{ label: 'EDR runbook', url: 'https://intranet.example.org/runbooks/edr' }] });
    expect(server).toMatchObject({ condition: "[x-asset:role = 'server']", instructions: "Check the asset inventory.\n\nCondition in the original playbook: `[x-asset:role = 'server']`" });
    expect(runPlaybook).toMatchObject({ kind: 'action', callsPlaybook: { version: '2025-05-01T00:00:00.000Z' } });
    expect(isolate).toMatchObject({ phase: 'containment', instructions: 'Run this bash command on Service desk:\n\n```\nedrctl isolate --host "$HOST"\n```\n\nTargets: EDR (security-category)' });
    expect(classify).toMatchObject({ condition: '__data_class__:value', phase: 'containment' });
    expect(playbook.categories).toEqual(['malware']);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^"Run the server isolation playbook" \(playbook-action--[0-9a-f-]+\) runs another playbook \(playbook--[0-9a-f-]+\); it was imported as a step that names it\./);
  });

  it('parallel branches are listed one after the other, with a warning', () => {
    const { playbook, warnings } = importFile(own('parallel.json'));
    expect(outline(playbook.steps)).toEqual(['- Purge the message from mailboxes', '- Block the sender domain', '- Block the landing page', '- Tell staff what to look out for']);
    expect(playbook.steps.map((step) => step.phase)).toEqual(['eradication_recovery', 'containment', 'containment', 'containment']);
    expect(playbook.categories).toEqual(['phishing']);
    expect(warnings).toContain('Parallel branches were listed one after another: the checklist does not show that they may run at the same time.');
  });

  it('a playbook that skips required fields is imported with a warning for each shortcut', () => {
    const { playbook, warnings } = importFile(own('lax.json'));
    expect(outline(playbook.steps)).toEqual([
      '- Pull the failed-login report for the last 24 hours.',
      '? Did any login succeed from a listed address? [Yes: 5] [No: 0]',
      '- Force a password reset for those accounts',
      '? Did "Force a password reset for those accounts" fail? [Yes: 2] [No: 0]',
      '- Disable the accounts instead',
      '- Tell the account owners',
      '- Rate-limit the login endpoint',
      '- While attack traffic continues',
      '- Add new source addresses to the block list',
    ]);
    expect(playbook.steps[0]!.kind === 'action' && playbook.steps[0]!.instructions).toBe(
      'Pull the failed-login report for the last 24 hours.\nGroup it by source address.\n\nReferences:\n- Attack write-up — hxxps://blog[.]example[.]com/stuffing',
    );
    expect(warnings).toEqual([
      'The playbook has no "spec_version", "created_by", "modified", which CACAO requires; imported anyway.',
      'Steps with their own failure path (on_failure) are followed by a question "Did … fail?" whose "Yes" answer adds that path.',
      'Loops (while-condition) became a step that says what to repeat, followed by the steps to repeat.',
      expect.stringMatching(/^1 step cannot be reached from workflow_start and was left out: "Old step nobody links to" \(action--[0-9a-f-]+\)\.$/),
      'CACAO has no response phases: 8 steps were placed in the phase of the step before (or Detection and analysis). Check the phases before approving.',
      '6 action steps have no "commands", which CACAO requires; imported anyway.',
      '6 action steps have no "agent", which CACAO requires; imported anyway.',
      '1 if-condition step has no "condition", which CACAO requires; imported anyway.',
    ]);
  });
});

/** A minimal valid CACAO document around the given workflow. */
function cacaoDocument(workflow: Record<string, Json>, start: string, extra: Json = {}): Json {
  return {
    type: 'playbook',
    spec_version: 'cacao-2.0',
    id: `playbook--${uuidFromText('test playbook')}`,
    name: 'Test',
    created_by: `identity--${uuidFromText('test identity')}`,
    created: fixedNowIso,
    modified: fixedNowIso,
    workflow_start: start,
    workflow,
    ...extra,
  };
}
const stepId = (type: string, n: number) => `${type}--${uuidFromText(`${type} ${n}`)}`;
const action = (n: number, next: string): Json => ({ type: 'action', name: `Action ${n}`, commands: [{ type: 'manual', command: `Do ${n}` }], on_completion: next });

/** start -> action 1 .. action n -> end */
function chain(count: number): Json {
  const workflow: Record<string, Json> = { [stepId('start', 0)]: { type: 'start', on_completion: stepId('action', 1) } };
  for (let n = 1; n <= count; n += 1) workflow[stepId('action', n)] = action(n, n === count ? stepId('end', 0) : stepId('action', n + 1));
  workflow[stepId('end', 0)] = { type: 'end' };
  return cacaoDocument(workflow, stepId('start', 0));
}

describe('importCacaoPlaybook: files it refuses whole', () => {
  const importJson = (document: unknown) => importCacaoPlaybook(JSON.stringify(document), importContext());

  it('refuses a workflow that loops, naming the steps along the loop', () => {
    const looping = chain(3);
    (looping.workflow as Record<string, Json>)[stepId('action', 3)]!.on_completion = stepId('action', 2);
    expect(refusal(importJson(looping))).toBe(
      `The workflow loops back on itself: "Action 2" (${stepId('action', 2)}) → "Action 3" (${stepId('action', 3)}) → "Action 2" (${stepId('action', 2)}). A checklist cannot loop; remove the loop (a while-condition can express repetition) and import again. Nothing was imported.`,
    );
  });

  it('refuses a loop hidden in a failure path or a condition branch', () => {
    const viaFailure = chain(2);
    (viaFailure.workflow as Record<string, Json>)[stepId('action', 2)] = { ...action(2, stepId('end', 0)), on_completion: undefined, on_success: stepId('end', 0), on_failure: stepId('action', 1) };
    expect(refusal(importJson(viaFailure))).toMatch(/^The workflow loops back on itself: "Action 1" .* → "Action 2" .* → "Action 1"/);
    const viaBranch = chain(1);
    const workflow = viaBranch.workflow as Record<string, Json>;
    workflow[stepId('action', 1)]!.on_completion = stepId('if-condition', 1);
    workflow[stepId('if-condition', 1)] = { type: 'if-condition', condition: 'x', on_true: stepId('action', 1), on_completion: stepId('end', 0) };
    expect(refusal(importJson(viaBranch))).toMatch(/^The workflow loops back on itself/);
  });

  it('refuses a missing or broken workflow_start', () => {
    const { workflow_start: _start, ...noStart } = chain(2);
    expect(refusal(importJson(noStart))).toBe('The playbook has no workflow_start, so there is no first step to follow. Nothing was imported.');
    expect(refusal(importJson({ ...chain(2), workflow_start: 'start--nowhere' }))).toBe(
      'The workflow_start points to "start--nowhere", which is not a step in the workflow. Nothing was imported.',
    );
  });

  it('refuses an unknown step type, and a step without one', () => {
    const unknown = chain(2);
    (unknown.workflow as Record<string, Json>)[stepId('action', 2)]!.type = 'single';
    expect(refusal(importJson(unknown))).toBe(
      `The step "Action 2" (${stepId('action', 2)}) has the type "single", which CACAO 2.0 does not define (it defines start, end, action, playbook-action, parallel, if-condition, while-condition, switch-condition). Nothing was imported.`,
    );
    const untyped = chain(2);
    delete (untyped.workflow as Record<string, Json>)[stepId('action', 1)]!.type;
    expect(refusal(importJson(untyped))).toBe(`The step "Action 1" (${stepId('action', 1)}) has no type, so Firebreak cannot tell what it does. Nothing was imported.`);
  });

  it('refuses 10,000 steps quickly, and more steps than a Firebreak playbook holds', () => {
    const started = performance.now();
    expect(refusal(importJson(chain(10_000)))).toBe('The workflow has 10,002 steps; Firebreak imports playbooks of at most 1,000 steps. Nothing was imported.');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(refusal(importJson(chain(301)))).toBe('The playbook does not fit a Firebreak playbook: steps: A playbook has at most 300 steps. Nothing was imported.');
    expect(imported(importJson(chain(300))).playbook.steps).toHaveLength(300);
  });

  it('refuses a step that points to a step the workflow does not have', () => {
    const dangling = chain(2);
    (dangling.workflow as Record<string, Json>)[stepId('action', 1)]!.on_completion = 'action--missing';
    expect(refusal(importJson(dangling))).toBe(
      `The step "Action 1" (${stepId('action', 1)}) points (in on_completion) to "action--missing", which is not a step in the workflow. Nothing was imported.`,
    );
  });

  it.each([
    ['an empty file', '', 'The file is empty. Nothing was imported.'],
    ['text that is not JSON', 'playbook:', 'The file is not valid JSON, so it is not a CACAO playbook (it may be truncated). Nothing was imported.'],
    ['a JSON list', '[]', 'The file does not hold a JSON object, so it is not a CACAO playbook. Nothing was imported.'],
    ['a STIX bundle', '{"type": "bundle"}', 'The file\'s type is "bundle", not "playbook", so it is not a CACAO playbook. Nothing was imported.'],
    ['a CACAO 1.0 playbook', '{"type": "playbook", "spec_version": "cacao-1.0"}', 'The playbook is written for cacao-1.0; Firebreak imports cacao-2.0 playbooks. Nothing was imported.'],
    ['a playbook without a workflow', '{"type": "playbook", "spec_version": "cacao-2.0"}', 'The playbook has no workflow (the map of its steps), so there is nothing to import. Nothing was imported.'],
    ['a Firebreak playbook file', '{"format": "firebreak-playbooks"}', 'This is a Firebreak playbook file, not CACAO: import it as a Firebreak file. Nothing was imported.'],
  ])('refuses %s', (_label, text, message) => {
    expect(refusal(importCacaoPlaybook(text, importContext()))).toBe(message);
  });

  it('refuses a workflow with nothing to do, and a switch with more answers than a question may have', () => {
    const empty = cacaoDocument({ [stepId('start', 0)]: { type: 'start', on_completion: stepId('end', 0) }, [stepId('end', 0)]: { type: 'end' } }, stepId('start', 0));
    expect(refusal(importJson(empty))).toBe('The workflow has no action steps, so there is nothing for a responder to do. Nothing was imported.');
    const wide = chain(1);
    const workflow = wide.workflow as Record<string, Json>;
    workflow[stepId('start', 0)]!.on_completion = stepId('switch-condition', 1);
    workflow[stepId('switch-condition', 1)] = {
      type: 'switch-condition',
      name: 'Which site?',
      switch: '__site__:value',
      cases: Object.fromEntries(Array.from({ length: 11 }, (_, index) => [`site${index}`, stepId('end', 0)])),
      on_completion: stepId('action', 1),
    };
    expect(refusal(importJson(wide))).toBe(
      `The switch "Which site?" (${stepId('switch-condition', 1)}) has 11 cases; a Firebreak question has at most 10 answers. Nothing was imported.`,
    );
  });

  it('refuses a viewer, who may not write playbooks', () => {
    expect(refusal(importCacaoPlaybook(JSON.stringify(chain(1)), { ...importContext(), actor: { person: responder, role: 'viewer' } }))).toBe(
      'Viewers cannot import playbooks; ask a responder or a lead. Nothing was imported.',
    );
  });
});

describe('exportCacaoPlaybook', () => {
  it('writes a document that validates against the CACAO 2.0 schemas and uses only properties they define', () => {
    const document = exportCacaoPlaybook(makePlaybook());
    expect(schemaErrors(document)).toEqual([]);
    expectOnlyDefinedProperties(document);
    expect(document).toMatchObject({ type: 'playbook', spec_version: 'cacao-2.0', name: 'Sample response', labels: ['malware'], revoked: false });
  });

  it.each(starterPlaybooks.map((playbook) => [playbook.name, playbook] as const))('exports the %s starter playbook as valid CACAO and reads it back unchanged', (_name, playbook) => {
    const document = exportCacaoPlaybook(playbook);
    expect(schemaErrors(document)).toEqual([]);
    expectOnlyDefinedProperties(document);
    const back = imported(importCacaoPlaybook(JSON.stringify(document), importContext()));
    expect(back.warnings).toEqual([]);
    expect(back.playbook.steps).toEqual(playbook.steps);
  });

  it('maps yes/no questions to if-conditions and other questions to switch-conditions, each branch ending in its own end step', () => {
    const playbook = makePlaybook(
      {},
      {
        steps: [
          actionStep('first', 'detection_analysis'),
          {
            kind: 'decision',
            id: 'site',
            phase: 'containment',
            question: 'Which site?',
            instructions: '',
            role: '',
            condition: null,
            branches: [
              { id: 'north', label: 'North office', stepIds: ['north-step'] },
              { id: 'south', label: 'South office', stepIds: [] },
              { id: 'remote', label: 'Remote worker', stepIds: [] },
            ],
          },
          actionStep('north-step', 'containment'),
          actionStep('last', 'post_incident'),
        ],
      },
    );
    const document = exportCacaoPlaybook(playbook);
    expect(schemaErrors(document)).toEqual([]);
    const shape = shapeOf(document);
    expect(shape.map((node) => [node.type, node.name])).toEqual([
      ['action', 'Do first'],
      ['switch-condition', 'Which site?'],
      ['action', 'Do last'],
    ]);
    expect(Object.entries(shape[1]!.branches!).map(([key, steps]) => [key, steps.map((step) => step.name)])).toEqual([
      ['north', ['Do north-step']],
      ['south', []],
      ['remote', []],
    ]);
    const workflow = document.workflow as Record<string, Json>;
    const switchStep = workflow[shape[1]!.id]!;
    expect(switchStep.switch).toBe('__answer_1__:value');
    expect(document.playbook_variables).toEqual({ __answer_1__: { type: 'string', description: 'The answer to: Which site?', value: '' } });
    const caseTargets = Object.values(switchStep.cases as Record<string, string>);
    expect(caseTargets.slice(1).every((target) => workflow[target]!.type === 'end')).toBe(true);
    expect(new Set(caseTargets.slice(1)).size).toBe(2);
  });

  it('gives the same document for the same playbook, and different ids for another lineage', () => {
    const playbook = makePlaybook();
    expect(exportCacaoPlaybook(playbook)).toEqual(exportCacaoPlaybook(structuredClone(playbook)));
    const other = exportCacaoPlaybook({ ...playbook, lineageId: testUuid() });
    expect(other.id).not.toBe(exportCacaoPlaybook(playbook).id);
    expect(Object.keys(other.workflow as Json).filter((id) => id in (exportCacaoPlaybook(playbook).workflow as Json))).toEqual([]);
  });

  it('marks a retired version as revoked and keeps created across versions', () => {
    const retired = makePlaybook({ status: 'retired', retiredAt: fixedNowIso, version: 2 });
    const document = exportCacaoPlaybook(retired, { firstCreatedAt: '2025-01-01T00:00:00Z' });
    expect(document).toMatchObject({ revoked: true, created: '2025-01-01T00:00:00.000Z', modified: retired.approvedAt });
    expect(schemaErrors(document)).toEqual([]);
  });
});

describe('round trips', () => {
  const roundTripFiles = [
    sample('oasis-tcs_cacao__basic-example-1.json'),
    sample('oasis-tcs_cacao__layout-extension-example-switch-condition.json'),
    sample('oasis-tcs_cacao__spec-3.1-example.json'),
    sample('soarca__manual-playbook.json'),
    own('decisions.json'),
  ];

  it.each(roundTripFiles.map((path) => [path.split('/').at(-1)!, path]))('CACAO -> Firebreak -> CACAO keeps the steps, their order and the branches of %s', (_name, path) => {
    const original = readJson(path);
    const { playbook } = importFile(path);
    const exported = exportCacaoPlaybook(playbook);
    expect(schemaErrors(exported)).toEqual([]);
    expect(shapeOf(exported)).toEqual(shapeOf(original));
    expect(exported.id).toBe(original.id);
  });

  it('CACAO -> Firebreak -> CACAO lists parallel branches in sequence', () => {
    const original = readJson(own('parallel.json'));
    const exported = exportCacaoPlaybook(importFile(own('parallel.json')).playbook);
    expect(schemaErrors(exported)).toEqual([]);
    const names = (shapes: Shape[]) => shapes.map((shape) => shape.name);
    expect(names(shapeOf(exported))).toEqual(['Purge the message from mailboxes', 'Block the sender domain', 'Block the landing page', 'Tell staff what to look out for']);
    expect(shapeOf(original)[0]!.type).toBe('parallel');
  });

  /** Valid playbook content with decision points whose answers claim later steps at random. */
  const contentArbitrary = fc
    .record({
      phases: fc.array(fc.constantFrom('preparation', 'detection_analysis', 'containment', 'eradication_recovery', 'post_incident' as const), { minLength: 1, maxLength: 14 }),
      isQuestion: fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }),
      claims: fc.array(fc.nat(4), { minLength: 14 * 14, maxLength: 14 * 14 }),
      answerSets: fc.array(fc.constantFrom(['yes', 'no'], ['no', 'yes'], ['red', 'amber', 'green'], ['10', '2']), { minLength: 14, maxLength: 14 }),
      words: fc.array(fc.string({ minLength: 1, maxLength: 12 }).filter((word) => word.trim() !== ''), { minLength: 14, maxLength: 14 }),
      roles: fc.array(fc.constantFrom('', 'Incident commander', 'Network engineer'), { minLength: 14, maxLength: 14 }),
      minutes: fc.array(fc.option(fc.integer({ min: 1, max: 600 })), { minLength: 14, maxLength: 14 }),
      instructions: fc.array(fc.constantFrom('', 'Check the **logs**.\n\n- one\n- two', '  indented first line'), { minLength: 14, maxLength: 14 }),
      kinds: fc.constantFrom(['security'] as const, ['service', 'security'] as const),
    })
    .map(({ phases, isQuestion, claims, answerSets, words, roles, minutes, instructions, kinds }): PlaybookContent => {
      const steps: PlaybookStep[] = phases.map((phase, index) => {
        const id = `s${index}`;
        if (index > 0 && isQuestion[index]) {
          return {
            kind: 'decision',
            id,
            phase,
            question: `${words[index]!.trim()}?`,
            instructions: instructions[index]!,
            role: roles[index]!,
            condition: index % 3 === 0 ? `[x:n = ${index}]` : null,
            branches: answerSets[index]!.map((answer) => ({ id: answer, label: `Answer ${answer}`, stepIds: [] as string[] })),
          };
        }
        return {
          ...actionStep(id, phase, { title: words[index]!.trim(), role: roles[index]!, expectedMinutes: minutes[index]!, instructions: instructions[index]!, isRequired: index % 2 === 0 }),
          ...(index % 5 === 4 ? { callsPlaybook: { id: index % 2 === 0 ? `playbook--${uuidFromText(`called ${index}`)}` : 'our-other-playbook', version: null } } : {}),
          ...(index % 4 === 1 ? { links: [{ label: 'Guide', url: `https://example.org/guide/${index}` }] } : {}),
        };
      });
      const claimed = new Set<string>();
      steps.forEach((step, index) => {
        if (step.kind !== 'decision') return;
        for (let later = index + 1; later < steps.length; later += 1) {
          const choice = claims[index * 14 + later]! % (step.branches.length + 2);
          if (choice < step.branches.length && !claimed.has(steps[later]!.id)) {
            step.branches[choice]!.stepIds.push(steps[later]!.id);
            claimed.add(steps[later]!.id);
          }
        }
      });
      return { name: 'Generated', summary: 'Made by fast-check.', kinds: [...kinds], categories: ['malware'], owner: responder, steps };
    })
    .filter((content) => validatePlaybookContent(content).ok);

  it('property: Firebreak -> CACAO -> Firebreak keeps every step, answer and detail, and the export always validates', () => {
    fc.assert(
      fc.property(contentArbitrary, (content) => {
        const playbook = makePlaybook({}, content);
        const document = exportCacaoPlaybook(playbook);
        expect(schemaErrors(document)).toEqual([]);
        const back = imported(importCacaoPlaybook(JSON.stringify(document), importContext()));
        expect(back.warnings).toEqual([]);
        expect(back.playbook.steps).toEqual(playbook.steps);
        expect({ name: back.playbook.name, summary: back.playbook.summary, kinds: back.playbook.kinds, categories: back.playbook.categories }).toEqual({
          name: playbook.name,
          summary: playbook.summary,
          kinds: playbook.kinds,
          categories: playbook.categories,
        });
      }),
      { numRuns: 150 },
    );
  });
});

describe('helpers', () => {
  it('uuidFromText is stable, version 4 shaped, and spreads similar texts apart', () => {
    expect(uuidFromText('a')).toBe(uuidFromText('a'));
    expect(uuidFromText('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ids = new Set(Array.from({ length: 5000 }, (_, index) => uuidFromText(`step ${index}`)));
    expect(ids.size).toBe(5000);
  });

  it('decodeBase64Text reads UTF-8 commands and rejects damaged input', () => {
    expect(decodeBase64Text('ZWNobyAiaMOpbGxvIiDinIU=')).toBe('echo "héllo" ✅');
    expect(decodeBase64Text('not base64!')).toBeNull();
    expect(decodeBase64Text('/w==')).toBeNull();
  });

  it('property: decodeBase64Text inverts Node base64 for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (value) => {
        expect(decodeBase64Text(Buffer.from(value, 'utf8').toString('base64'))).toBe(value);
      }),
    );
  });

  it('imports a manual command given as command_b64', () => {
    const document = chain(1);
    (document.workflow as Record<string, Json>)[stepId('action', 1)]!.commands = [{ type: 'manual', command_b64: Buffer.from('Line one\nLine two', 'utf8').toString('base64') }];
    expect(imported(importCacaoPlaybook(JSON.stringify(document), importContext())).playbook.steps[0]).toMatchObject({ instructions: 'Line one\nLine two' });
  });

  it('ignores damaged Firebreak details with a warning', () => {
    const document = chain(1);
    (document.workflow as Record<string, Json>)[stepId('action', 1)]!.step_extensions = { [firebreakExtensionId]: { phase: 'lunch' } };
    expect(imported(importCacaoPlaybook(JSON.stringify(document), importContext())).warnings).toContain(
      `The Firebreak details of step "Action 1" (${stepId('action', 1)}) are damaged and were ignored.`,
    );
  });
});
