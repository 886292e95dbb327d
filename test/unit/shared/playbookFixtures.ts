/** Playbook builders shared by the playbook tests. Not a test file. */
import type { ActionStep, DecisionPoint, Playbook, PlaybookContent, PlaybookPhase } from '../../../shared/domain/playbook';
import type { PersonRef } from '../../../shared/domain/people';
import { isoAt, hour, testUuid } from './fixtures';

export const lead: PersonRef = { id: 'person-lead', name: 'Lee Lead' };
export const responder: PersonRef = { id: 'person-responder', name: 'Rae Responder' };

export function actionStep(id: string, phase: PlaybookPhase, overrides: Partial<ActionStep> = {}): ActionStep {
  return {
    kind: 'action',
    id,
    phase,
    title: `Do ${id}`,
    instructions: `Instructions for **${id}**.`,
    role: 'Incident commander',
    isRequired: true,
    expectedMinutes: 15,
    links: [],
    callsPlaybook: null,
    ...overrides,
  };
}

export function decisionPoint(id: string, phase: PlaybookPhase, branches: DecisionPoint['branches'], overrides: Partial<DecisionPoint> = {}): DecisionPoint {
  return { kind: 'decision', id, phase, question: `Question ${id}?`, instructions: '', role: '', condition: null, branches, ...overrides };
}

/**
 * A playbook with a question in containment whose "yes" answer adds two steps, one of them a
 * nested question, and whose "no" answer adds nothing.
 */
export function sampleContent(overrides: Partial<PlaybookContent> = {}): PlaybookContent {
  return {
    name: 'Sample response',
    summary: 'A playbook for tests.',
    kinds: ['security'],
    categories: ['malware'],
    owner: lead,
    steps: [
      actionStep('prepare', 'preparation', { isRequired: false }),
      actionStep('analyse', 'detection_analysis'),
      decisionPoint('spread', 'containment', [
        { id: 'yes', label: 'Yes', stepIds: ['isolate', 'backups'] },
        { id: 'no', label: 'No', stepIds: [] },
      ]),
      actionStep('isolate', 'containment'),
      decisionPoint('backups', 'eradication_recovery', [
        { id: 'yes', label: 'Yes', stepIds: ['restore'] },
        { id: 'no', label: 'No', stepIds: ['rebuild'] },
      ]),
      actionStep('restore', 'eradication_recovery'),
      actionStep('rebuild', 'eradication_recovery'),
      actionStep('contain', 'containment'),
      actionStep('recover', 'eradication_recovery'),
      actionStep('review', 'post_incident'),
    ],
    ...overrides,
  };
}

export function makePlaybook(overrides: Partial<Playbook> = {}, content: Partial<PlaybookContent> = {}): Playbook {
  return {
    id: testUuid(),
    lineageId: testUuid(),
    version: 1,
    status: 'approved',
    ...sampleContent(content),
    externalId: null,
    createdAt: isoAt(-48 * hour),
    createdBy: responder,
    updatedAt: isoAt(-24 * hour),
    approvedAt: isoAt(-24 * hour),
    approvedBy: lead,
    retiredAt: null,
    supersededBy: null,
    deletedAt: null,
    ...overrides,
  };
}
