// A lead makes a real team and a routing rule that sends phishing incidents to it; the incident
// says which team has it and which rule routed it; a hand-made reassignment to another team is
// written in the timeline as an override of that rule.
import { expect, test } from '@playwright/test';
import { actionButton, openFreshApp } from '../../support/firebreakPage';

test('a routing rule sends a phishing incident to the "Security Operations" team, and a hand override is logged', async ({ page }) => {
  await openFreshApp(page, 'Lena Lead', 'lead');
  await page.getByRole('link', { name: 'Settings' }).click();

  // Without teams the rule editor says so and leads to the Teams panel.
  const routing = page.getByRole('region', { name: 'Routing rules' });
  await expect(routing.getByText('No teams yet: a rule needs a team to route to.')).toBeVisible();
  await routing.getByRole('button', { name: 'Create one in Teams' }).click();
  await expect(page.getByRole('heading', { name: 'Teams', exact: true })).toBeFocused();

  const newTeam = page.getByRole('form', { name: 'New team' });
  await newTeam.getByLabel('Team name').fill('Security Operations');
  await newTeam.getByRole('button', { name: 'Create team' }).click();
  const soc = page.getByRole('article', { name: 'Security Operations' });
  await soc.getByLabel('Person', { exact: true }).selectOption('Someone new…');
  await soc.getByLabel("New person's name").fill('Kim Keyboard');
  await soc.getByLabel('Role').selectOption('lead');
  await soc.getByRole('button', { name: 'Add member' }).click();
  await expect(soc.getByRole('table', { name: 'Members of Security Operations' })).toContainText('Kim Keyboard');
  await newTeam.getByLabel('Team name').fill('Network');
  await newTeam.getByRole('button', { name: 'Create team' }).click();
  await expect(page.getByRole('article', { name: 'Network' })).toBeVisible();

  // The rule's team comes from the list, and its optional assignee from that team's members.
  await routing.getByLabel('Rule name').fill('Phishing to SOC');
  await routing.getByLabel('When category is').selectOption('phishing');
  await routing.getByRole('button', { name: 'Add rule' }).click();
  await expect(routing.getByLabel('Route to team')).toHaveAttribute('aria-invalid', 'true');
  await expect(routing.getByText('Choose the team to route to')).toBeVisible();
  await routing.getByLabel('Route to team').selectOption({ label: 'Security Operations' });
  await expect(routing.getByLabel('And assign to (optional)').getByRole('option')).toHaveText(['Nobody: Security Operations picks it up', 'Kim Keyboard']);
  await routing.getByRole('button', { name: 'Add rule' }).click();
  await expect(routing.getByRole('list', { name: 'Routing rules' })).toContainText('Phishing to SOC: when category is Phishing, route to Security Operations');

  await page.getByRole('link', { name: 'Incidents' }).click();
  await page.getByRole('button', { name: 'New incident' }).click();
  const form = page.getByRole('dialog', { name: 'New incident' });
  await form.getByLabel('Title', { exact: true }).fill('Credential phishing wave');
  await form.getByLabel('Kind').selectOption('security');
  await form.getByLabel('Category').selectOption('phishing');
  await form.getByRole('button', { name: 'Create incident' }).click();
  await expect(page.getByTestId('incident-team')).toHaveText('Security Operations');
  await expect(page.getByTestId('incident-routed-by')).toHaveText('by rule "Phishing to SOC"');
  const timeline = page.getByRole('list', { name: 'Timeline entries' });
  await expect(timeline).toContainText('Routed to Security Operations by rule "Phishing to SOC": category is Phishing.');

  // Reassigning the team by hand overrides the rule, and the timeline says so.
  await actionButton(page, 'Assign').click();
  const dialog = page.getByRole('dialog', { name: /^Assign / });
  await expect(dialog.getByLabel('Team')).toBeFocused();
  await expect(dialog.getByLabel('Team')).toHaveValue(/.+/);
  await dialog.getByLabel('Team').selectOption({ label: 'Network' });
  await dialog.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('incident-team')).toHaveText('Network');
  await expect(page.getByTestId('incident-routed-by')).toHaveCount(0);
  await expect(page.getByTestId('incident-assignee')).toHaveText('Unassigned');
  await expect(timeline.getByText('Team changed by hand to Network (was routed to Security Operations by rule "Phishing to SOC")', { exact: true })).toBeVisible();

  // Back to Security Operations with one of its members: they are offered first.
  await actionButton(page, 'Assign').click();
  await dialog.getByLabel('Team').selectOption({ label: 'Security Operations' });
  await expect(dialog.getByLabel('Assignee').getByRole('option')).toHaveText(['No change (unassigned)', 'Kim Keyboard (lead)', 'Me (Lena Lead)']);
  await expect(dialog.locator('optgroup[label="Members of Security Operations"] > option')).toHaveText(['Kim Keyboard (lead)']);
  await dialog.getByLabel('Assignee').selectOption({ label: 'Kim Keyboard (lead)' });
  await dialog.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(page.getByTestId('incident-team')).toHaveText('Security Operations');
  await expect(page.getByTestId('incident-assignee')).toHaveText('Kim Keyboard');
  await expect(timeline.getByText('Team changed to Security Operations (was Network); Assigned to Kim Keyboard', { exact: true })).toBeVisible();

  // An incident the rule does not match gets no team.
  await page.getByRole('button', { name: 'New incident' }).click();
  await form.getByLabel('Title', { exact: true }).fill('Laptop left on a train');
  await form.getByLabel('Category').selectOption('lost_or_stolen_device');
  await form.getByRole('button', { name: 'Create incident' }).click();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText('Laptop left on a train');
  await expect(page.getByTestId('incident-team')).toHaveText('No team');

  // Deleting the team leaves a tombstone: the rule and the incidents routed to it still name it.
  await page.getByRole('link', { name: 'Settings' }).click();
  const socCard = page.getByRole('article', { name: 'Security Operations' });
  await socCard.getByRole('button', { name: 'Delete team Security Operations' }).click();
  await socCard.getByRole('button', { name: 'Yes, delete Security Operations' }).click();
  await expect(socCard).toHaveCount(0);
  await expect(routing.getByRole('list', { name: 'Routing rules' })).toContainText('Phishing to SOC: when category is Phishing, route to Security Operations (deleted team)');
  await page.getByRole('link', { name: 'Incidents' }).click();
  await page.getByRole('list', { name: 'Incident list' }).getByRole('link', { name: /Credential phishing wave/ }).click();
  await expect(page.getByTestId('incident-team')).toHaveText('Security Operations');
});
