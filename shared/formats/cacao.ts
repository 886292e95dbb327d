/**
 * OASIS CACAO 2.0 security playbooks, in and out.
 *
 * CACAO describes a workflow graph for machines and people; a Firebreak playbook is a checklist
 * that people work top to bottom. Import walks the graph from workflow_start: action steps become
 * steps, if- and switch-conditions become decision points whose branches are the steps down each
 * path, parallel branches are listed one after another, and a playbook-action becomes a step that
 * names the playbook it runs. What does not fit is reported as a warning. Real playbooks often
 * leave out fields the schema requires; those are warnings too. A file that cannot be followed (a
 * loop, no start, an unknown step type, a broken reference, too many steps) is refused whole.
 *
 * Export writes a workflow that validates against the CACAO 2.0 JSON schemas and carries what
 * CACAO has no field for (phase, role, required, duration, answer labels) in a Firebreak step
 * extension, so a Firebreak -> CACAO -> Firebreak trip keeps everything.
 */
import { z } from 'zod';
import { uuidFromText } from '../domain/deterministicId';
import type { FieldErrors } from '../domain/incident';
import {
  branchIdSchema,
  canProposePlaybooks,
  createPlaybookDraft,
  isDecisionPoint,
  playbookLimits,
  playbookLinkSchema,
  playbookPhaseSchema,
  stepIdSchema,
  type ActionStep,
  type DecisionBranch,
  type DecisionPoint,
  type Playbook,
  type PlaybookActor,
  type PlaybookContent,
  type PlaybookLink,
  type PlaybookPhase,
  type PlaybookStep,
} from '../domain/playbook';
import {
  categoriesByKind,
  incidentCategories,
  incidentCategorySchema,
  incidentKindSchema,
  type IncidentCategory,
  type IncidentKind,
} from '../domain/taxonomy';
import type { IsoTimestamp } from '../domain/time';
import { pluralize } from '../domain/wording';

export const cacaoSpecVersion = 'cacao-2.0';
/** A real playbook has tens of steps; beyond this a file is a mistake or an attack on the app. */
export const maxCacaoWorkflowSteps = 1000;
export const maxCacaoFileCharacters = 10 * 1024 * 1024;
export const cacaoStepTypes = ['start', 'end', 'action', 'playbook-action', 'parallel', 'if-condition', 'while-condition', 'switch-condition'] as const;
type CacaoStepType = (typeof cacaoStepTypes)[number];

/** The extension that carries Firebreak's own step details through CACAO. Its id never changes. */
export const firebreakExtensionId = 'extension-definition--5f0c2a8e-3b1d-4c7a-9e6f-2d8b4a1c7e30';
const firebreakIdentityId = 'identity--0b6f3d2a-7c4e-4e1f-8a9d-3f5b6c7d8e90';

type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function shorten(value: string, limit: number): string {
  return value.length <= limit ? value : `${value.slice(0, limit - 1).trimEnd()}…`;
}

// ---------------------------------------------------------------------------------------------
// Deterministic ids. CACAO ids are "type--<uuid>" with a version 1-5 UUID; ours are UUIDv7 or
// readable slugs. Deriving the UUID from a hash of our ids gives the same file for the same
// playbook every time, so exports can be compared and re-imported without drifting.

export { uuidFromText };

const cacaoUuidPattern = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}';
const cacaoIdentifierPattern = new RegExp(`^[a-z][a-z0-9-]+[a-z0-9]--${cacaoUuidPattern}$`);

function isCacaoIdOfType(id: string, type: string): boolean {
  return cacaoIdentifierPattern.test(id) && id.startsWith(`${type}--`) && id.length === type.length + 2 + 36;
}

// ---------------------------------------------------------------------------------------------
// Base64 for command_b64. shared/ has no atob or TextDecoder, so the decoding is done here.

const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeUtf8(bytes: readonly number[]): string | null {
  let decoded = '';
  for (let index = 0; index < bytes.length; ) {
    const first = bytes[index]!;
    const extra = first < 0x80 ? 0 : first >= 0xc2 && first < 0xe0 ? 1 : first >= 0xe0 && first < 0xf0 ? 2 : first >= 0xf0 && first < 0xf5 ? 3 : -1;
    if (extra < 0) return null;
    let code = extra === 0 ? first : first & (0x3f >> extra);
    for (let offset = 1; offset <= extra; offset += 1) {
      const next = bytes[index + offset];
      if (next === undefined || (next & 0xc0) !== 0x80) return null;
      code = (code << 6) | (next & 0x3f);
    }
    if (code > 0x10ffff) return null;
    decoded += String.fromCodePoint(code);
    index += extra + 1;
  }
  return decoded;
}

export function decodeBase64Text(encoded: string): string | null {
  const clean = encoded.replace(/\s+/g, '').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(clean) || clean.length % 4 === 1) return null;
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const character of clean) {
    buffer = ((buffer << 6) | base64Alphabet.indexOf(character)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return decodeUtf8(bytes);
}

// ---------------------------------------------------------------------------------------------
// What CACAO's vocabularies say about phases.

const phaseOfActivity: Record<string, PlaybookPhase> = {
  'prepare-engagement': 'preparation',
  'scan-system': 'detection_analysis',
  'match-indicator': 'detection_analysis',
  'analyze-collected-data': 'detection_analysis',
  'identify-indicators': 'detection_analysis',
  'scan-vulnerabilities': 'detection_analysis',
  'map-network': 'detection_analysis',
  'restrict-access': 'containment',
  'disconnect-system': 'containment',
  'configure-systems': 'containment',
  'eliminate-risk': 'eradication_recovery',
  'revert-system': 'eradication_recovery',
  'restore-data': 'eradication_recovery',
  'restore-capabilities': 'eradication_recovery',
};

const phaseOfPlaybookType: Record<string, PlaybookPhase> = {
  prevention: 'preparation',
  detection: 'detection_analysis',
  investigation: 'detection_analysis',
  mitigation: 'containment',
  remediation: 'eradication_recovery',
};

// ---------------------------------------------------------------------------------------------
// The Firebreak extension, as written on export and read back on import.

const stepExtensionSchema = z.object({
  step_id: stepIdSchema.optional(),
  /** Index in the author's list: CACAO orders steps only along the workflow, branch by branch. */
  position: z.number().int().min(0).optional(),
  phase: playbookPhaseSchema.optional(),
  role: z.string().max(playbookLimits.roleLength).optional(),
  is_required: z.boolean().optional(),
  expected_minutes: z.number().int().min(1).max(playbookLimits.expectedMinutes).nullable().optional(),
  condition: z.string().max(2000).nullable().optional(),
  calls_playbook: z.object({ id: z.string().trim().min(1).max(200), version: z.string().max(64).nullable() }).nullable().optional(),
  branch_labels: z
    .array(z.object({ branch_id: branchIdSchema, label: z.string().trim().min(1).max(120) }))
    .max(playbookLimits.branches)
    .optional(),
});
type StepExtension = z.infer<typeof stepExtensionSchema>;

const playbookExtensionSchema = z.object({
  kinds: z.array(incidentKindSchema).min(1).max(2).optional(),
  categories: z.array(incidentCategorySchema).max(18).optional(),
});

// ---------------------------------------------------------------------------------------------
// Import.

export type CacaoImportContext = { id: string; lineageId: string; actor: PlaybookActor; nowIso: IsoTimestamp };
export type CacaoImportResult = { ok: true; playbook: Playbook; warnings: string[] } | { ok: false; error: string };

/** Thrown inside the importer to stop at the first problem that makes the file unusable. */
class CacaoRefusal extends Error {}

const refusalSuffix = 'Nothing was imported.';

function describeCacaoStep(id: string, step: JsonObject | undefined): string {
  const name = step ? text(step.name) : undefined;
  return name ? `"${name}" (${id})` : id;
}

function outgoingEdges(step: JsonObject): Array<{ field: string; target: unknown }> {
  const edges: Array<{ field: string; target: unknown }> = [];
  for (const field of ['on_completion', 'on_success', 'on_failure', 'on_true', 'on_false']) {
    if (step[field] !== undefined) edges.push({ field, target: step[field] });
  }
  if (isJsonObject(step.cases)) for (const [key, target] of Object.entries(step.cases)) edges.push({ field: `cases "${key}"`, target });
  if (Array.isArray(step.next_steps)) step.next_steps.forEach((target, index) => edges.push({ field: `next_steps[${index}]`, target }));
  return edges;
}

/** The first loop found, as the ids along it (the first id repeated at the end), or null. */
function findLoop(workflow: ReadonlyMap<string, JsonObject>): string[] | null {
  const targets = (id: string) => outgoingEdges(workflow.get(id)!).map((edge) => edge.target as string);
  const state = new Map<string, 'on_path' | 'finished'>();
  for (const root of workflow.keys()) {
    if (state.has(root)) continue;
    const path: string[] = [];
    const stack: Array<{ id: string; targets: string[]; next: number }> = [];
    const enter = (id: string) => {
      state.set(id, 'on_path');
      path.push(id);
      stack.push({ id, targets: targets(id), next: 0 });
    };
    enter(root);
    while (stack.length > 0) {
      const frame = stack.at(-1)!;
      if (frame.next < frame.targets.length) {
        const target = frame.targets[frame.next]!;
        frame.next += 1;
        const seen = state.get(target);
        if (seen === 'on_path') return [...path.slice(path.indexOf(target)), target];
        if (seen === undefined) enter(target);
      } else {
        state.set(frame.id, 'finished');
        path.pop();
        stack.pop();
      }
    }
  }
  return null;
}

function reachableFrom(workflow: ReadonlyMap<string, JsonObject>, start: string): string[] {
  const order = [start];
  const seen = new Set<string>(order);
  for (let index = 0; index < order.length; index += 1) {
    for (const edge of outgoingEdges(workflow.get(order[index]!)!)) {
      const target = edge.target as string;
      if (!seen.has(target)) {
        seen.add(target);
        order.push(target);
      }
    }
  }
  return order;
}

/** Collects warnings once each, and counts the ones that repeat per step. */
class WarningLog {
  private readonly messages: string[] = [];
  private readonly missing = new Map<string, number>();

  add(message: string): void {
    if (!this.messages.includes(message)) this.messages.push(message);
  }

  missingField(stepType: string, field: string): void {
    const key = `${stepType}\u0000${field}`;
    this.missing.set(key, (this.missing.get(key) ?? 0) + 1);
  }

  list(): string[] {
    const missing = [...this.missing.entries()].map(([key, count]) => {
      const [stepType, field] = key.split('\u0000') as [string, string];
      return `${pluralize(count, `${stepType} step`)} ${count === 1 ? 'has' : 'have'} no "${field}", which CACAO requires; imported anyway.`;
    });
    return [...this.messages, ...missing];
  }
}

class CacaoImporter {
  private readonly workflow: ReadonlyMap<string, JsonObject>;
  private readonly warnings = new WarningLog();
  private readonly steps: PlaybookStep[] = [];
  private readonly placed = new Set<string>();
  private readonly usedIds = new Set<string>();
  private lastPhase: PlaybookPhase | undefined;
  private readonly defaultPhase: PlaybookPhase | undefined;
  private guessedPhases = 0;
  private readonly automatedCommands = new Set<string>();
  private readonly authorPositions = new Map<string, number>();

  constructor(
    private readonly document: JsonObject,
    workflow: ReadonlyMap<string, JsonObject>,
  ) {
    this.workflow = workflow;
    const types = Array.isArray(document.playbook_types) ? document.playbook_types : [];
    this.defaultPhase = types.map((type) => (typeof type === 'string' ? phaseOfPlaybookType[type] : undefined)).find((phase) => phase !== undefined);
  }

  run(start: string): { steps: PlaybookStep[]; warnings: string[] } {
    this.walk(start, new Set());
    const exceptionTarget = text(this.document.workflow_exception);
    if (exceptionTarget !== undefined && this.workflow.get(exceptionTarget)?.type !== 'end') this.addExceptionHandler(exceptionTarget);

    const leftOut = [...this.workflow.entries()].filter(([id, step]) => !this.placed.has(id) && step.type !== 'start' && step.type !== 'end');
    if (leftOut.length > 0) {
      const names = leftOut.slice(0, 5).map(([id, step]) => describeCacaoStep(id, step));
      this.warnings.add(
        `${pluralize(leftOut.length, 'step')} cannot be reached from workflow_start and ${leftOut.length === 1 ? 'was' : 'were'} left out: ${names.join(', ')}${leftOut.length > 5 ? ', …' : ''}.`,
      );
    }
    if (this.guessedPhases > 0) {
      this.warnings.add(
        `CACAO has no response phases: ${pluralize(this.guessedPhases, 'step was', 'steps were')} placed in the phase of the step before (or Detection and analysis). Check the phases before approving.`,
      );
    }
    if (this.automatedCommands.size > 0) {
      this.warnings.add(`Commands meant for machines (${[...this.automatedCommands].sort().join(', ')}) became instructions to carry out by hand.`);
    }
    return { steps: this.inAuthorOrder(this.steps), warnings: this.warnings.list() };
  }

  private extensionOf(step: JsonObject, cacaoId: string): StepExtension | undefined {
    const extensions = step.step_extensions;
    if (!isJsonObject(extensions) || extensions[firebreakExtensionId] === undefined) return undefined;
    const parsed = stepExtensionSchema.safeParse(extensions[firebreakExtensionId]);
    if (parsed.success) return parsed.data;
    this.warnings.add(`The Firebreak details of step ${describeCacaoStep(cacaoId, step)} are damaged and were ignored.`);
    return undefined;
  }

  private rememberPosition(stepId: string, extension: StepExtension | undefined): void {
    if (extension?.position !== undefined) this.authorPositions.set(stepId, extension.position);
  }

  /** Our own export says where each step stood in the author's list; put them back there. */
  private inAuthorOrder(steps: PlaybookStep[]): PlaybookStep[] {
    const positions = steps.map((step) => this.authorPositions.get(step.id));
    if (positions.some((position) => position === undefined) || new Set(positions).size !== steps.length) return steps;
    return [...steps].sort((left, right) => this.authorPositions.get(left.id)! - this.authorPositions.get(right.id)!);
  }

  private claimId(preferred: string | undefined, cacaoId: string): string {
    for (const candidate of [preferred, cacaoId]) {
      if (candidate !== undefined && stepIdSchema.safeParse(candidate).success && !this.usedIds.has(candidate)) {
        this.usedIds.add(candidate);
        return candidate;
      }
    }
    for (let counter = this.usedIds.size + 1; ; counter += 1) {
      const candidate = `step-${counter}`;
      if (!this.usedIds.has(candidate)) {
        this.usedIds.add(candidate);
        return candidate;
      }
    }
  }

  private phaseFor(step: JsonObject, extension: StepExtension | undefined): PlaybookPhase {
    let phase = extension?.phase;
    if (phase === undefined && Array.isArray(step.commands)) {
      phase = step.commands
        .map((command) => (isJsonObject(command) && typeof command.playbook_activity === 'string' ? phaseOfActivity[command.playbook_activity] : undefined))
        .find((candidate) => candidate !== undefined);
    }
    if (phase === undefined) {
      this.guessedPhases += 1;
      phase = this.lastPhase ?? this.defaultPhase ?? 'detection_analysis';
    }
    this.lastPhase = phase;
    return phase;
  }

  private agentName(step: JsonObject): string | undefined {
    const agentId = text(step.agent);
    const agents = this.document.agent_definitions;
    if (agentId === undefined || !isJsonObject(agents)) return undefined;
    const agent = agents[agentId];
    return isJsonObject(agent) ? text(agent.name) : undefined;
  }

  private linksAndReferences(step: JsonObject): { links: PlaybookLink[]; unlinked: string[] } {
    const links: PlaybookLink[] = [];
    const unlinked: string[] = [];
    const references = Array.isArray(step.external_references) ? step.external_references.filter(isJsonObject) : [];
    for (const reference of references) {
      const label = shorten(text(reference.name) ?? text(reference.url) ?? 'Reference', 200);
      const link = playbookLinkSchema.safeParse({ label, url: text(reference.url) ?? '' });
      if (link.success && links.length < playbookLimits.linksPerStep) links.push(link.data);
      else unlinked.push([label, text(reference.description), text(reference.source), text(reference.url)].filter(Boolean).join(' — '));
    }
    return { links, unlinked };
  }

  private commandsAsMarkdown(step: JsonObject): string[] {
    const commands = Array.isArray(step.commands) ? step.commands.filter(isJsonObject) : [];
    const agent = this.agentName(step);
    return commands.map((command) => {
      const type = text(command.type) ?? 'manual';
      const encoded = text(command.command_b64) ?? text(command.content_b64);
      const body = text(command.command) ?? text(command.content) ?? (encoded !== undefined ? (decodeBase64Text(encoded) ?? undefined) : undefined);
      const note = text(command.description);
      if (type === 'manual') return [body, note].filter(Boolean).join('\n\n') || 'Carry out the manual command (the playbook gives no text).';
      this.automatedCommands.add(type);
      const where = agent ? ` on ${agent}` : '';
      const lines = [`Run this ${type} command${where}:`, '', '```', body ?? '(the playbook gives the command in a form Firebreak does not show)', '```'];
      if (note) lines.push('', note);
      return lines.join('\n');
    });
  }

  private targetsAsMarkdown(step: JsonObject): string | undefined {
    const definitions = isJsonObject(this.document.target_definitions) ? this.document.target_definitions : {};
    const names = (Array.isArray(step.targets) ? step.targets : [])
      .map((id) => (typeof id === 'string' && isJsonObject(definitions[id]) ? definitions[id] : undefined))
      .filter((target): target is JsonObject => target !== undefined)
      .map((target) => `${text(target.name) ?? 'unnamed'}${text(target.type) ? ` (${text(target.type)})` : ''}`);
    return names.length > 0 ? `Targets: ${names.join(', ')}` : undefined;
  }

  private variablesAsMarkdown(step: JsonObject): string | undefined {
    const outputs = Array.isArray(step.out_args) ? step.out_args.filter((name): name is string => typeof name === 'string') : [];
    if (outputs.length === 0) return undefined;
    const local = isJsonObject(step.step_variables) ? step.step_variables : {};
    const global = isJsonObject(this.document.playbook_variables) ? this.document.playbook_variables : {};
    const described = outputs.map((name) => {
      const variable = isJsonObject(local[name]) ? local[name] : isJsonObject(global[name]) ? global[name] : undefined;
      const description = variable ? text(variable.description) : undefined;
      return `- ${name}${description ? `: ${description}` : ''}`;
    });
    return ['Record the result:', ...described].join('\n');
  }

  private composeInstructions(parts: ReadonlyArray<string | undefined>): string {
    const kept = parts.filter((part): part is string => part !== undefined && part.trim() !== '');
    // A lone part is the description as the author wrote it (our own export): keep it exactly.
    const joined = kept.length === 1 && parts.length === 1 ? kept[0]! : kept.join('\n\n');
    if (joined.length <= playbookLimits.instructionsLength) return joined;
    this.warnings.add(`Some instructions were longer than ${playbookLimits.instructionsLength.toLocaleString('en-US')} characters and were cut.`);
    return shorten(joined, playbookLimits.instructionsLength);
  }

  private titleFor(step: JsonObject, fallback: string): { title: string; usedDescription: boolean } {
    const name = text(step.name);
    if (name) return { title: shorten(name, playbookLimits.titleLength), usedDescription: false };
    const firstLine = text(step.description)?.split('\n')[0]?.trim();
    if (firstLine) return { title: shorten(firstLine, playbookLimits.titleLength), usedDescription: true };
    this.warnings.add('Some steps have no name; they were given one from their type and position.');
    return { title: fallback, usedDescription: false };
  }

  private addActionStep(cacaoId: string, step: JsonObject): string {
    const type = step.type as 'action' | 'playbook-action';
    const extension = this.extensionOf(step, cacaoId);
    const id = this.claimId(extension?.step_id, cacaoId);
    this.rememberPosition(id, extension);
    const phase = this.phaseFor(step, extension);
    const { title, usedDescription } = this.titleFor(step, type === 'action' ? `Step ${this.steps.length + 1}` : 'Run another playbook');
    const description = text(step.description);
    const { links, unlinked } = this.linksAndReferences(step);
    let callsPlaybook: ActionStep['callsPlaybook'] = extension?.calls_playbook ?? null;
    const parts: Array<string | undefined> = [];

    if (extension !== undefined) {
      parts.push(typeof step.description === 'string' ? step.description : '');
    } else {
      parts.push(usedDescription && description !== undefined && !description.includes('\n') ? undefined : description);
      if (type === 'action') {
        if (!Array.isArray(step.commands) || step.commands.length === 0) this.warnings.missingField(type, 'commands');
        if (step.agent === undefined) this.warnings.missingField(type, 'agent');
        parts.push(...this.commandsAsMarkdown(step), this.targetsAsMarkdown(step), this.variablesAsMarkdown(step));
      }
    }
    if (type === 'playbook-action' && extension === undefined) {
      const playbookId = text(step.playbook_id);
      if (playbookId === undefined) this.warnings.missingField(type, 'playbook_id');
      callsPlaybook = { id: shorten(playbookId ?? 'unknown playbook', 200), version: text(step.playbook_version)?.slice(0, 64) ?? null };
      this.warnings.add(
        `${describeCacaoStep(cacaoId, step)} runs another playbook (${playbookId ?? 'not named'}); it was imported as a step that names it. Import that playbook too and apply it when you reach the step.`,
      );
      parts.push(`Run the playbook ${playbookId ?? '(not named in the file)'}${callsPlaybook.version ? ` (version of ${callsPlaybook.version})` : ''} and come back here when it is done.`);
    }
    if (unlinked.length > 0) parts.push(['References:', ...unlinked.map((reference) => `- ${reference}`)].join('\n'));

    const role = extension?.role ?? this.agentName(step) ?? '';
    this.steps.push({
      kind: 'action',
      id,
      phase,
      title,
      instructions: this.composeInstructions(parts),
      role: shorten(role, playbookLimits.roleLength),
      isRequired: extension?.is_required ?? true,
      expectedMinutes: extension?.expected_minutes ?? null,
      links,
      callsPlaybook,
    });
    return id;
  }

  /** A step with its own on_failure path: a question after it sends the responder down that path. */
  private addFailurePath(actionId: string, cacaoId: string, step: JsonObject, failureTarget: string, stop: ReadonlySet<string>): string {
    const action = this.steps.find((candidate) => candidate.id === actionId) as ActionStep;
    const id = this.claimId(`${actionId}.failed`, `${cacaoId}.failed`);
    const decision: DecisionPoint = {
      kind: 'decision',
      id,
      phase: action.phase,
      question: shorten(`Did "${action.title}" fail?`, playbookLimits.questionLength),
      instructions: '',
      role: action.role,
      condition: null,
      branches: [
        { id: 'yes', label: 'Yes', stepIds: [] },
        { id: 'no', label: 'No', stepIds: [] },
      ],
    };
    this.steps.push(decision);
    this.warnings.add(`Steps with their own failure path (on_failure) are followed by a question "Did … fail?" whose "Yes" answer adds that path.`);
    decision.branches[0]!.stepIds = this.walk(failureTarget, stop);
    return id;
  }

  private addDecision(cacaoId: string, step: JsonObject, stop: ReadonlySet<string>): string | undefined {
    const type = step.type as 'if-condition' | 'switch-condition';
    const extension = this.extensionOf(step, cacaoId);
    const condition = type === 'if-condition' ? text(step.condition) : text(step.switch);
    if (condition === undefined) this.warnings.missingField(type, type === 'if-condition' ? 'condition' : 'switch');

    const labels = new Map((extension?.branch_labels ?? []).map((entry) => [entry.branch_id, entry.label]));
    const targets: Array<{ id: string; label: string; target: string | undefined }> = [];
    if (type === 'if-condition') {
      if (step.on_true === undefined) this.warnings.missingField(type, 'on_true');
      targets.push({ id: 'yes', label: labels.get('yes') ?? 'Yes', target: text(step.on_true) }, { id: 'no', label: labels.get('no') ?? 'No', target: text(step.on_false) });
    } else {
      const cases = isJsonObject(step.cases) ? Object.entries(step.cases) : [];
      if (!isJsonObject(step.cases)) this.warnings.missingField(type, 'cases');
      if (cases.length === 0) {
        this.warnings.add(`The switch ${describeCacaoStep(cacaoId, step)} has no cases and was left out.`);
        this.placed.add(cacaoId);
        return undefined;
      }
      if (cases.length > playbookLimits.branches) {
        throw new CacaoRefusal(`The switch ${describeCacaoStep(cacaoId, step)} has ${cases.length} cases; a Firebreak question has at most ${playbookLimits.branches} answers.`);
      }
      cases.forEach(([key, target], index) => {
        const id = branchIdSchema.safeParse(key).success ? key : `case-${index + 1}`;
        targets.push({ id, label: labels.get(id) ?? (key === 'default' ? 'Any other answer' : shorten(key === '' ? '(empty)' : key, 120)), target: target as string });
      });
      if (targets.length === 1) targets.push({ id: 'otherwise', label: 'Any other answer', target: undefined });
    }
    // Our own export lists the answers in the author's order; JSON objects cannot keep it for keys like "10" and "2".
    const authorOrder = (extension?.branch_labels ?? []).map((entry) => entry.branch_id);
    if (authorOrder.length === targets.length && targets.every((target) => authorOrder.includes(target.id))) {
      targets.sort((left, right) => authorOrder.indexOf(left.id) - authorOrder.indexOf(right.id));
    }
    const seenLabels = new Set<string>();
    for (const target of targets) {
      let label = target.label;
      for (let copy = 2; seenLabels.has(label.toLowerCase()); copy += 1) label = `${target.label} (${copy})`;
      seenLabels.add(label.toLowerCase());
      target.label = label;
    }

    const id = this.claimId(extension?.step_id, cacaoId);
    this.rememberPosition(id, extension);
    const phase = this.phaseFor(step, extension);
    const description = text(step.description);
    const name = text(step.name);
    const question = name ?? description?.split('\n')[0] ?? (type === 'if-condition' ? `Is this true: ${condition ?? 'the condition'}?` : `Which case applies to ${condition ?? 'the value'}?`);
    const instructions =
      extension !== undefined
        ? typeof step.description === 'string'
          ? step.description
          : ''
        : this.composeInstructions([name !== undefined ? description : undefined, condition !== undefined ? `Condition in the original playbook: \`${condition.replace(/`/g, "'")}\`` : undefined]);
    const decision: DecisionPoint = {
      kind: 'decision',
      id,
      phase,
      question: shorten(question, playbookLimits.questionLength),
      instructions,
      role: shorten(extension?.role ?? '', playbookLimits.roleLength),
      condition: extension !== undefined ? (extension.condition ?? null) : (condition?.slice(0, 2000) ?? null),
      branches: targets.map((target): DecisionBranch => ({ id: target.id, label: target.label, stepIds: [] })),
    };
    this.steps.push(decision);
    const continuation = this.continuationOf(step, targets.map((target) => target.target));
    const inner = continuation === undefined ? stop : new Set([...stop, continuation]);
    targets.forEach((target, index) => {
      if (target.target !== undefined) decision.branches[index]!.stepIds = this.walk(target.target, inner);
    });
    return id;
  }

  /**
   * Where the flow goes after a condition or parallel step: its on_completion or, when a producer
   * left that out and joined the branches instead, the first step every branch reaches.
   */
  private continuationOf(step: JsonObject, branchTargets: ReadonlyArray<string | undefined>): string | undefined {
    const explicit = text(step.on_completion) ?? text(step.on_success);
    if (explicit !== undefined) return explicit;
    const starts = branchTargets.filter((target): target is string => target !== undefined);
    if (starts.length < 2) return undefined;
    const reachable = starts.map((start) => new Set(reachableFrom(this.workflow, start)));
    return reachableFrom(this.workflow, starts[0]!).find((id) => this.workflow.get(id)!.type !== 'end' && reachable.every((set) => set.has(id)));
  }

  private addExceptionHandler(target: string): void {
    if (this.placed.has(target)) return;
    const id = this.claimId('workflow-exception', 'workflow-exception');
    const decision: DecisionPoint = {
      kind: 'decision',
      id,
      phase: this.lastPhase ?? 'detection_analysis',
      question: 'Did any step of this playbook fail?',
      instructions: 'The original playbook names steps to follow when anything goes wrong (its workflow_exception).',
      role: '',
      condition: null,
      branches: [
        { id: 'yes', label: 'Yes', stepIds: [] },
        { id: 'no', label: 'No', stepIds: [] },
      ],
    };
    this.steps.push(decision);
    decision.branches[0]!.stepIds = this.walk(target, new Set());
    this.warnings.add('The steps to follow when the playbook fails (workflow_exception) were added at the end, behind the question "Did any step of this playbook fail?".');
  }

  /** Places the steps along one path; returns the ids of those at its own level, in order. */
  private walk(startId: string, stop: ReadonlySet<string>): string[] {
    const sequence: string[] = [];
    for (let current: string | undefined = startId; current !== undefined && !stop.has(current); ) {
      const step: JsonObject = this.workflow.get(current)!;
      // Producers often share one end step between branches; reaching it again is normal.
      if (step.type === 'end') return sequence;
      if (this.placed.has(current)) {
        this.warnings.add(
          `The step ${describeCacaoStep(current, step)} is reached from more than one path; it is listed once, where it is first reached.`,
        );
        break;
      }
      this.placed.add(current);
      const type = step.type as CacaoStepType;
      const next: string | undefined = text(step.on_completion) ?? text(step.on_success);
      switch (type) {
        case 'start':
          current = next;
          break;
        case 'action':
        case 'playbook-action': {
          const id = this.addActionStep(current, step);
          sequence.push(id);
          const failure = text(step.on_failure);
          if (failure !== undefined && failure !== next && this.workflow.get(failure)!.type !== 'end') {
            sequence.push(this.addFailurePath(id, current, step, failure, next === undefined ? stop : new Set([...stop, next])));
          }
          current = next;
          break;
        }
        case 'if-condition':
        case 'switch-condition': {
          const id = this.addDecision(current, step, stop);
          if (id !== undefined) sequence.push(id);
          current = this.continuationOf(
            step,
            type === 'if-condition' ? [text(step.on_true), text(step.on_false)] : Object.values(isJsonObject(step.cases) ? step.cases : {}).map(text),
          );
          break;
        }
        case 'parallel': {
          const branches = Array.isArray(step.next_steps) ? step.next_steps.map(text) : [];
          if (branches.length === 0) this.warnings.missingField(type, 'next_steps');
          this.warnings.add('Parallel branches were listed one after another: the checklist does not show that they may run at the same time.');
          const continuation = this.continuationOf(step, branches);
          const inner = continuation === undefined ? stop : new Set([...stop, continuation]);
          for (const branch of branches) if (branch !== undefined) sequence.push(...this.walk(branch, inner));
          current = continuation;
          break;
        }
        case 'while-condition': {
          const condition = text(step.condition);
          if (condition === undefined) this.warnings.missingField(type, 'condition');
          const extension = this.extensionOf(step, current);
          const id = this.claimId(extension?.step_id, current);
          this.steps.push({
            kind: 'action',
            id,
            phase: this.phaseFor(step, extension),
            title: shorten(text(step.name) ?? 'Repeat the next steps while the condition holds', playbookLimits.titleLength),
            instructions: this.composeInstructions([
              text(step.description),
              `Repeat the steps that follow for as long as this holds: \`${(condition ?? 'the condition is not given').replace(/`/g, "'")}\`. Tick this step off when the condition no longer holds.`,
            ]),
            role: '',
            isRequired: true,
            expectedMinutes: null,
            links: [],
            callsPlaybook: null,
          });
          sequence.push(id);
          this.warnings.add('Loops (while-condition) became a step that says what to repeat, followed by the steps to repeat.');
          const body = text(step.on_true);
          if (body !== undefined) sequence.push(...this.walk(body, next === undefined ? stop : new Set([...stop, next])));
          current = next;
          break;
        }
      }
    }
    return sequence;
  }
}

function matchCategories(labels: unknown): IncidentCategory[] {
  if (!Array.isArray(labels)) return [];
  const normalised = labels.filter((label): label is string => typeof label === 'string').map((label) => label.trim().toLowerCase().replace(/[\s-]+/g, '_'));
  return incidentCategories.filter((category) => normalised.includes(category));
}

function describeContentErrors(errors: FieldErrors): string {
  const [field, message] = Object.entries(errors)[0]!;
  return field === 'form' ? message : `${field}: ${message}`;
}

/**
 * Reads a CACAO 2.0 playbook into a new draft. Warnings say what did not map exactly; an error
 * means nothing can be imported, and says why in words the user can act on.
 */
export function importCacaoPlaybook(source: string, context: CacaoImportContext): CacaoImportResult {
  try {
    return importOrRefuse(source, context);
  } catch (error) {
    if (error instanceof CacaoRefusal) return { ok: false, error: `${error.message} ${refusalSuffix}` };
    throw error;
  }
}

function importOrRefuse(source: string, context: CacaoImportContext): CacaoImportResult {
  if (!canProposePlaybooks(context.actor.role)) throw new CacaoRefusal('Viewers cannot import playbooks; ask a responder or a lead.');
  if (source.length > maxCacaoFileCharacters) throw new CacaoRefusal('The file is larger than 10 MB, which no CACAO playbook needs to be.');
  if (source.trim() === '') throw new CacaoRefusal('The file is empty.');
  let document: unknown;
  try {
    document = JSON.parse(source);
  } catch {
    throw new CacaoRefusal('The file is not valid JSON, so it is not a CACAO playbook (it may be truncated).');
  }
  if (!isJsonObject(document)) throw new CacaoRefusal('The file does not hold a JSON object, so it is not a CACAO playbook.');
  if (document.format === 'firebreak-playbooks') throw new CacaoRefusal('This is a Firebreak playbook file, not CACAO: import it as a Firebreak file.');

  const preWarnings: string[] = [];
  const missingTop: string[] = [];
  if (document.type === undefined) missingTop.push('type');
  else if (document.type !== 'playbook') throw new CacaoRefusal(`The file's type is "${String(document.type)}", not "playbook", so it is not a CACAO playbook.`);
  if (document.spec_version === undefined) missingTop.push('spec_version');
  else if (document.spec_version !== cacaoSpecVersion) {
    throw new CacaoRefusal(`The playbook is written for ${String(document.spec_version)}; Firebreak imports ${cacaoSpecVersion} playbooks.`);
  }
  for (const field of ['id', 'name', 'created_by', 'created', 'modified']) if (document[field] === undefined) missingTop.push(field);
  if (missingTop.length > 0) preWarnings.push(`The playbook has no ${missingTop.map((field) => `"${field}"`).join(', ')}, which CACAO requires; imported anyway.`);

  if (!isJsonObject(document.workflow)) throw new CacaoRefusal('The playbook has no workflow (the map of its steps), so there is nothing to import.');
  const entries = Object.entries(document.workflow);
  if (entries.length > maxCacaoWorkflowSteps) {
    throw new CacaoRefusal(`The workflow has ${entries.length.toLocaleString('en-US')} steps; Firebreak imports playbooks of at most ${maxCacaoWorkflowSteps.toLocaleString('en-US')} steps.`);
  }
  const workflow = new Map<string, JsonObject>();
  for (const [id, step] of entries) {
    if (!isJsonObject(step)) throw new CacaoRefusal(`The workflow entry ${id} is not a step object.`);
    if (typeof step.type !== 'string') throw new CacaoRefusal(`The step ${describeCacaoStep(id, step)} has no type, so Firebreak cannot tell what it does.`);
    if (!(cacaoStepTypes as readonly string[]).includes(step.type)) {
      throw new CacaoRefusal(`The step ${describeCacaoStep(id, step)} has the type "${step.type}", which CACAO 2.0 does not define (it defines ${cacaoStepTypes.join(', ')}).`);
    }
    workflow.set(id, step);
  }

  const start = document.workflow_start;
  if (start === undefined) throw new CacaoRefusal('The playbook has no workflow_start, so there is no first step to follow.');
  if (typeof start !== 'string' || !workflow.has(start)) {
    throw new CacaoRefusal(`The workflow_start points to ${JSON.stringify(start)}, which is not a step in the workflow.`);
  }
  if (workflow.get(start)!.type !== 'start') preWarnings.push(`The workflow_start is a ${String(workflow.get(start)!.type)} step, not a start step; Firebreak begins there anyway.`);
  const exception = document.workflow_exception;
  if (exception !== undefined && (typeof exception !== 'string' || !workflow.has(exception))) {
    throw new CacaoRefusal(`The workflow_exception points to ${JSON.stringify(exception)}, which is not a step in the workflow.`);
  }
  for (const [id, step] of workflow) {
    for (const edge of outgoingEdges(step)) {
      if (typeof edge.target !== 'string' || !workflow.has(edge.target)) {
        throw new CacaoRefusal(`The step ${describeCacaoStep(id, step)} points (in ${edge.field}) to ${JSON.stringify(edge.target)}, which is not a step in the workflow.`);
      }
    }
  }
  const loop = findLoop(workflow);
  if (loop !== null) {
    throw new CacaoRefusal(
      `The workflow loops back on itself: ${loop.map((id) => describeCacaoStep(id, workflow.get(id))).join(' → ')}. A checklist cannot loop; remove the loop (a while-condition can express repetition) and import again.`,
    );
  }

  const converted = new CacaoImporter(document, workflow).run(start);
  if (!converted.steps.some((step) => step.kind === 'action')) {
    throw new CacaoRefusal('The workflow has no action steps, so there is nothing for a responder to do.');
  }

  const playbookExtensions = isJsonObject(document.playbook_extensions) ? document.playbook_extensions[firebreakExtensionId] : undefined;
  const extension = playbookExtensionSchema.safeParse(playbookExtensions ?? {});
  if (!extension.success) preWarnings.push('The Firebreak details of the playbook are damaged and were ignored.');
  const scope = extension.success ? extension.data : {};
  const categories = scope.categories ?? matchCategories(document.labels);
  const kinds: IncidentKind[] =
    scope.kinds ?? (categories.length > 0 ? incidentKindSchema.options.filter((kind) => categories.some((category) => categoriesByKind[kind].includes(category))) : ['security']);

  const name = text(document.name);
  const references = (Array.isArray(document.external_references) ? document.external_references : [])
    .filter(isJsonObject)
    .map((reference) => [text(reference.name), text(reference.description), text(reference.source), text(reference.url)].filter(Boolean).join(' — '))
    .filter((reference) => reference !== '');
  const summary = [text(document.description), references.length > 0 ? ['References:', ...references.map((reference) => `- ${reference}`)].join('\n') : undefined]
    .filter(Boolean)
    .join('\n\n');
  const otherExtensions = Object.entries(isJsonObject(document.extension_definitions) ? document.extension_definitions : {})
    .filter(([id]) => id !== firebreakExtensionId)
    .map(([id, definition]) => (isJsonObject(definition) ? (text(definition.name) ?? id) : id));
  if (otherExtensions.length > 0) preWarnings.push(`Extensions Firebreak does not use were left out: ${otherExtensions.join(', ')}.`);
  if (summary.length > playbookLimits.summaryLength) preWarnings.push('The description was longer than a summary may be and was cut.');
  const content: PlaybookContent = {
    name: shorten(name ?? 'Imported CACAO playbook', playbookLimits.nameLength),
    summary: shorten(summary, playbookLimits.summaryLength),
    kinds,
    categories,
    owner: context.actor.person,
    steps: converted.steps,
  };
  const draft = createPlaybookDraft(content, context);
  if (!draft.ok) throw new CacaoRefusal(`The playbook does not fit a Firebreak playbook: ${describeContentErrors(draft.errors)}.`);
  const externalId = text(document.id);
  if (document.revoked === true) preWarnings.push('The file marks this playbook as revoked (no longer valid); it was imported as a draft so you can review it.');
  return { ok: true, playbook: { ...draft.value, externalId: externalId?.slice(0, 200) ?? null }, warnings: [...preWarnings, ...converted.warnings] };
}

// ---------------------------------------------------------------------------------------------
// Export.

export type CacaoDocument = JsonObject;
export type CacaoExportOptions = {
  /** When the first version of the playbook was created: CACAO keeps "created" across versions. */
  firstCreatedAt?: IsoTimestamp;
};

const defaultAgentName = 'Incident response team';

function cacaoTimestamp(iso: IsoTimestamp): string {
  return new Date(iso).toISOString();
}

/** Yes/no questions export as if-conditions; anything else as a switch on the answer. */
function isYesNoQuestion(decision: DecisionPoint): boolean {
  const ids = decision.branches.map((branch) => branch.id).sort();
  return ids.length === 2 && ids[0] === 'no' && ids[1] === 'yes';
}

/**
 * Writes a playbook as a CACAO 2.0 document (serialise it with JSON.stringify). Ids are derived
 * from the playbook's own, so the same version always gives the same file; ids that came from a
 * CACAO import are kept.
 */
export function exportCacaoPlaybook(playbook: Playbook, options: CacaoExportOptions = {}): CacaoDocument {
  const idFor = (type: string, ourId: string): string => (isCacaoIdOfType(ourId, type) ? ourId : `${type}--${uuidFromText(`${playbook.lineageId}/${type}/${ourId}`)}`);
  const workflow: Record<string, JsonObject> = {};
  const agents: Record<string, JsonObject> = {};
  const variables: Record<string, JsonObject> = {};
  const byId = new Map(playbook.steps.map((step) => [step.id, step]));
  const conditional = new Set(playbook.steps.flatMap((step) => (isDecisionPoint(step) ? step.branches.flatMap((branch) => branch.stepIds) : [])));
  let endCount = 0;
  let answerCount = 0;

  const newEnd = (): string => {
    endCount += 1;
    const id = `end--${uuidFromText(`${playbook.lineageId}/end/${endCount}`)}`;
    workflow[id] = { type: 'end', name: endCount === 1 ? 'End of playbook' : 'End of branch' };
    return id;
  };
  const agentFor = (role: string): string => {
    const name = role.trim() === '' ? defaultAgentName : role.trim();
    const id = `group--${uuidFromText(`${playbook.lineageId}/agent/${name}`)}`;
    agents[id] = { type: 'group', name };
    return id;
  };
  const cacaoIdOf = (step: PlaybookStep): string => {
    if (isDecisionPoint(step)) return idFor(isYesNoQuestion(step) ? 'if-condition' : 'switch-condition', step.id);
    return step.callsPlaybook && cacaoIdentifierPattern.test(step.callsPlaybook.id) ? idFor('playbook-action', step.id) : idFor('action', step.id);
  };

  /** Writes a chain of steps ending in its own end step; returns the id of its first step. */
  const writeChain = (stepIds: readonly string[]): string => {
    const ids = stepIds.map((id) => cacaoIdOf(byId.get(id)!));
    const end = newEnd();
    stepIds.forEach((stepId, index) => writeStep(byId.get(stepId)!, ids[index + 1] ?? end));
    return ids[0] ?? end;
  };

  const positions = new Map(playbook.steps.map((step, index) => [step.id, index]));
  const writeStep = (step: PlaybookStep, next: string): void => {
    const extension: Record<string, unknown> = { step_id: step.id, position: positions.get(step.id), phase: step.phase, role: step.role };
    const base: JsonObject = {};
    if (isDecisionPoint(step)) {
      base.name = step.question;
      if (step.instructions !== '') base.description = step.instructions;
      extension.condition = step.condition;
      extension.branch_labels = step.branches.map((branch) => ({ branch_id: branch.id, label: branch.label }));
      let condition = step.condition;
      if (condition === null) {
        answerCount += 1;
        const variable = `__answer_${answerCount}__`;
        variables[variable] = { type: 'string', description: `The answer to: ${step.question}`, value: '' };
        condition = isYesNoQuestion(step) ? `${variable}:value = 'yes'` : `${variable}:value`;
      }
      if (isYesNoQuestion(step)) {
        const yes = step.branches.find((branch) => branch.id === 'yes')!;
        const no = step.branches.find((branch) => branch.id === 'no')!;
        workflow[cacaoIdOf(step)] = {
          type: 'if-condition',
          ...base,
          condition,
          on_true: writeChain(yes.stepIds),
          ...(no.stepIds.length > 0 ? { on_false: writeChain(no.stepIds) } : {}),
          on_completion: next,
          step_extensions: { [firebreakExtensionId]: extension },
        };
      } else {
        workflow[cacaoIdOf(step)] = {
          type: 'switch-condition',
          ...base,
          switch: condition,
          cases: Object.fromEntries(step.branches.map((branch) => [branch.id, writeChain(branch.stepIds)])),
          on_completion: next,
          step_extensions: { [firebreakExtensionId]: extension },
        };
      }
      return;
    }
    base.name = step.title;
    if (step.instructions !== '') base.description = step.instructions;
    if (step.links.length > 0) base.external_references = step.links.map((link) => ({ name: link.label, url: link.url }));
    extension.is_required = step.isRequired;
    extension.expected_minutes = step.expectedMinutes;
    if (step.callsPlaybook) extension.calls_playbook = step.callsPlaybook;
    const id = cacaoIdOf(step);
    if (id.startsWith('playbook-action--')) {
      const version = step.callsPlaybook!.version;
      workflow[id] = {
        type: 'playbook-action',
        ...base,
        playbook_id: step.callsPlaybook!.id,
        ...(version !== null && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(version) ? { playbook_version: version } : {}),
        on_completion: next,
        step_extensions: { [firebreakExtensionId]: extension },
      };
      return;
    }
    workflow[id] = {
      type: 'action',
      ...base,
      commands: [{ type: 'manual', command: step.callsPlaybook ? `${step.title} (playbook ${step.callsPlaybook.id})` : step.title }],
      agent: agentFor(step.role),
      on_completion: next,
      step_extensions: { [firebreakExtensionId]: extension },
    };
  };

  const startId = `start--${uuidFromText(`${playbook.lineageId}/start`)}`;
  const start: JsonObject = { type: 'start', name: 'Start' };
  workflow[startId] = start;
  start.on_completion = writeChain(playbook.steps.filter((step) => !conditional.has(step.id)).map((step) => step.id));

  const created = cacaoTimestamp(options.firstCreatedAt ?? playbook.createdAt);
  const lastChange = cacaoTimestamp(playbook.approvedAt ?? playbook.updatedAt);
  const document: JsonObject = {
    type: 'playbook',
    spec_version: cacaoSpecVersion,
    id: playbook.externalId !== null && isCacaoIdOfType(playbook.externalId, 'playbook') ? playbook.externalId : `playbook--${uuidFromText(`lineage/${playbook.lineageId}`)}`,
    name: playbook.name,
    ...(playbook.summary !== '' ? { description: playbook.summary } : {}),
    created_by: `identity--${uuidFromText(`person/${playbook.owner.id}`)}`,
    created,
    modified: lastChange < created ? created : lastChange,
    revoked: playbook.status === 'retired',
    ...(playbook.categories.length > 0 ? { labels: [...playbook.categories] } : {}),
    workflow_start: startId,
    workflow,
    ...(Object.keys(agents).length > 0 ? { agent_definitions: agents } : {}),
    ...(Object.keys(variables).length > 0 ? { playbook_variables: variables } : {}),
    playbook_extensions: { [firebreakExtensionId]: { kinds: [...playbook.kinds], categories: [...playbook.categories] } },
    extension_definitions: {
      [firebreakExtensionId]: {
        type: 'extension-definition',
        name: 'Firebreak playbook details',
        description:
          'Details a Firebreak checklist needs that CACAO has no property for: the response phase (NIST SP 800-61), role, whether a step is required, its expected duration in minutes, the step id, and the labels of each answer.',
        created_by: firebreakIdentityId,
        schema:
          'Step properties: step_id (string), position (index in the author\'s list), phase (preparation | detection_analysis | containment | eradication_recovery | post_incident), role (string), is_required (boolean), expected_minutes (integer or null), condition (string or null), branch_labels (list of {branch_id, label}). Playbook properties: kinds (security | service), categories (list of strings).',
        version: '1.0.0',
      },
    },
  };
  return document;
}
