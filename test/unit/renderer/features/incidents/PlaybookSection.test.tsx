/**
 * The incident's Playbooks section against the app's (fake-indexeddb) database: starters are
 * seeded when it mounts, a viewer sees why applying is off and cannot apply, a responder applies
 * in one click, and the Tasks card then lists only hand-written tasks. The skip dialog and the
 * whole journey run in Chromium (test/e2e/web/incidentPlaybook.spec.ts): jsdom has no <dialog>.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { v7 as uuidV7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../../../shared/domain/incident';
import { addTask, createIncident } from '../../../../../renderer/data/incidentCommands';
import { getDatabase } from '../../../../../renderer/db/database';
import { PlaybookSection } from '../../../../../renderer/features/incidents/PlaybookSection';
import { TaskPanel } from '../../../../../renderer/features/incidents/TaskPanel';
import { saveTestProfile, validNewIncidentInput } from '../../../../support/dataEnvironment';

// The components read the app's shared database, so the test writes through that same database.
const env = { db: getDatabase(), nowMs: () => Date.now(), newId: () => uuidV7() };

async function phishingIncident(role: string): Promise<Incident> {
  await saveTestProfile(env, { name: 'Riley Responder', initials: 'RR', role: 'responder' });
  const created = await createIncident(env, validNewIncidentInput(Date.now(), { kind: 'security', category: 'phishing', title: 'Invoice phish' }));
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  await saveTestProfile(env, { name: 'Riley Responder', initials: 'RR', role });
  return created.value;
}

describe('PlaybookSection', () => {
  it('lets a viewer read the suggestions but not apply them, and says why', async () => {
    const incident = await phishingIncident('viewer');
    render(<PlaybookSection incident={incident} />);
    const apply = await screen.findByRole('button', { name: 'Apply Phishing' });
    expect(apply).toHaveProperty('disabled', true);
    const reason = document.getElementById(apply.getAttribute('aria-describedby') ?? '');
    expect(reason?.textContent).toBe('Your profile role (Viewer) can read playbooks but not apply or work them.');
    expect(screen.getByLabelText('Other playbook')).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Apply selected playbook' })).toHaveProperty('disabled', true);
    fireEvent.click(apply);
    expect(await env.db.tasks.where('incidentId').equals(incident.id).count()).toBe(0);
  });

  it('applies the suggested playbook in one click; Tasks keeps only hand-written tasks', async () => {
    const incident = await phishingIncident('responder');
    await addTask(env, incident.id, { title: 'Call the insurer', dueAt: null });
    render(
      <>
        <PlaybookSection incident={incident} />
        <TaskPanel incidentId={incident.id} />
      </>,
    );
    const section = screen.getByRole('region', { name: 'Playbooks' });
    const suggestions = await within(section).findByRole('list', { name: 'Suggested playbooks' });
    expect(within(suggestions).getAllByRole('listitem')[0]!.textContent).toContain('Phishing');
    // Choosing nothing in "Other playbook" is refused with a message, and applies nothing.
    fireEvent.click(within(section).getByRole('button', { name: 'Apply selected playbook' }));
    expect((await within(section).findByRole('alert')).textContent).toBe('Choose a playbook in "Other playbook" first.');

    fireEvent.click(within(section).getByRole('button', { name: 'Apply Phishing' }));
    const checklist = await within(section).findByRole('region', { name: 'Phishing (version 1)' });
    expect(within(checklist).getByRole('progressbar', { name: 'Phishing progress' })).toHaveProperty('max', 13);
    expect(within(checklist).getByText('0 of 13 steps done')).toBeTruthy();
    expect(within(checklist).getByRole('group', { name: 'Did anyone click the link, open the attachment or enter a password?' })).toBeTruthy();
    await waitFor(() => expect(within(section).queryByRole('alert')).toBeNull());

    const tasks = screen.getByRole('region', { name: /^Tasks/ });
    expect(within(tasks).getAllByRole('checkbox').map((box) => box.parentElement?.textContent)).toEqual(['Call the insurer']);
    expect(within(tasks).getByRole('heading').textContent).toBe('Tasks (1 open of 1)');
  });
});
