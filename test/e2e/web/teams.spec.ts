// Settings > Teams: a lead builds a team from the keyboard (create, members, roles, rename,
// delete with one confirmation); bad input is refused beside the field; a responder sees the
// teams read-only and is told why.
import { expect, test, type Page } from '@playwright/test';
import { openFreshApp } from '../../support/firebreakPage';

function teamsPanel(page: Page) {
  return page.getByRole('region', { name: 'Teams' });
}

test('a lead creates a team, adds members with roles, renames and deletes it, all from the keyboard', async ({ page }) => {
  await openFreshApp(page, 'Lena Lead', 'lead');
  await page.getByRole('link', { name: 'Settings' }).click();
  const panel = teamsPanel(page);
  const status = page.getByTestId('teams-status');
  await expect(panel.getByText('No teams yet. Create the first one below, then add its members.')).toBeVisible();

  // Create: type, Tab, type, Enter. Focus comes back to the name for the next team.
  const teamName = panel.getByLabel('Team name');
  await teamName.focus();
  await page.keyboard.type('Security Operations');
  await page.keyboard.press('Tab');
  await expect(panel.getByLabel('Description (optional)')).toBeFocused();
  await page.keyboard.type('Phishing, malware and account compromise');
  await page.keyboard.press('Enter');
  await expect(status).toHaveText('Team "Security Operations" created. Add its members below its name.');
  await expect(teamName).toBeFocused();
  const soc = panel.getByRole('article', { name: 'Security Operations' });
  await expect(soc).toContainText('Phishing, malware and account compromise');
  await expect(soc.getByText('No members yet.')).toBeVisible();

  // The same name again (any case) is refused beside the field, and nothing is added.
  await page.keyboard.type('security operations');
  await page.keyboard.press('Enter');
  await expect(panel.getByText('There is already a team called "Security Operations"; give each team its own name')).toBeVisible();
  await expect(teamName).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.getByRole('article')).toHaveCount(1);
  await teamName.fill('');

  // Add someone new as lead: the person list offers this device's profile and "Someone new…".
  const person = soc.getByLabel('Person', { exact: true });
  await expect(person.getByRole('option')).toHaveText(['Choose…', 'Lena Lead', 'Someone new…']);
  await soc.getByRole('button', { name: 'Add member' }).click();
  await expect(soc.getByText('Choose a person, or "Someone new" to type a name')).toBeVisible();
  await person.selectOption('Someone new…');
  await soc.getByLabel("New person's name").focus();
  await page.keyboard.type('Kim Keyboard');
  await soc.getByLabel('Role').selectOption('Lead');
  await soc.getByLabel("New person's name").press('Enter');
  await expect(status).toHaveText('Kim Keyboard added to Security Operations as lead.');
  await expect(person).toBeFocused();
  // Myself, as a member.
  await person.selectOption('Lena Lead');
  await soc.getByRole('button', { name: 'Add member' }).press('Enter');
  await expect(status).toHaveText('Lena Lead added to Security Operations as member.');
  const members = soc.getByRole('table', { name: 'Members of Security Operations' });
  await expect(members.getByRole('rowheader')).toHaveText(['Kim Keyboard', 'Lena Lead']);
  await expect(members.getByLabel('Role of Kim Keyboard in Security Operations')).toHaveValue('lead');
  await expect(members.getByLabel('Role of Lena Lead in Security Operations')).toHaveValue('member');
  // Nobody can be added twice: the same name typed again is refused.
  await person.selectOption('Someone new…');
  await soc.getByLabel("New person's name").fill('kim keyboard');
  await soc.getByLabel("New person's name").press('Enter');
  await expect(soc.getByText('Kim Keyboard is already in Security Operations (as lead)')).toBeVisible();
  await soc.getByLabel("New person's name").fill('');

  // Change a role; remove a member with the keyboard (focus returns to the person choice).
  await members.getByLabel('Role of Kim Keyboard in Security Operations').selectOption('Manager');
  await expect(status).toHaveText('Kim Keyboard is now manager of Security Operations.');
  await members.getByRole('button', { name: 'Remove Lena Lead from Security Operations' }).press('Enter');
  await expect(status).toHaveText('Lena Lead removed from Security Operations.');
  await expect(members.getByRole('rowheader')).toHaveText(['Kim Keyboard']);
  await expect(members.getByLabel('Role of Kim Keyboard in Security Operations')).toHaveValue('manager');
  await expect(person).toBeFocused();

  // Teams and members survive a reload.
  await page.reload();
  await expect(teamsPanel(page).getByLabel('Role of Kim Keyboard in Security Operations')).toHaveValue('manager');

  // Rename: Esc leaves it as it was; Enter saves; focus returns to Edit.
  await soc.getByRole('button', { name: 'Edit team Security Operations' }).press('Enter');
  const editName = soc.getByRole('form', { name: 'Edit team Security Operations' }).getByLabel('Team name');
  await expect(editName).toBeFocused();
  await page.keyboard.type(' Centre');
  await page.keyboard.press('Escape');
  await expect(panel.getByRole('heading', { name: 'Security Operations', exact: true })).toBeVisible();
  await expect(soc.getByRole('button', { name: 'Edit team Security Operations' })).toBeFocused();
  await page.keyboard.press('Enter');
  await editName.fill('Security Operations Centre');
  await editName.press('Enter');
  await expect(status).toHaveText('Team "Security Operations Centre" saved.');
  const centre = panel.getByRole('article', { name: 'Security Operations Centre' });
  await expect(centre.getByRole('button', { name: 'Edit team Security Operations Centre' })).toBeFocused();

  // Delete asks once; "Keep it" changes nothing; "Yes" deletes and focus goes to the panel heading.
  await centre.getByRole('button', { name: 'Delete team Security Operations Centre' }).press('Enter');
  await expect(centre.getByRole('button', { name: 'Yes, delete Security Operations Centre' })).toBeFocused();
  await centre.getByRole('button', { name: 'Keep it' }).press('Enter');
  await expect(centre.getByRole('button', { name: 'Delete team Security Operations Centre' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(status).toHaveText('Team "Security Operations Centre" deleted. Incidents routed to it keep showing its name.');
  await expect(panel.getByRole('article')).toHaveCount(0);
  await expect(panel.getByRole('heading', { name: 'Teams', exact: true })).toBeFocused();
  await expect(panel.getByText('No teams yet. Create the first one below, then add its members.')).toBeVisible();
});

test('a responder sees the teams read-only and is told why', async ({ page }) => {
  await openFreshApp(page, 'Lena Lead', 'lead');
  await page.getByRole('link', { name: 'Settings' }).click();
  const panel = teamsPanel(page);
  await panel.getByLabel('Team name').fill('Network');
  await panel.getByRole('button', { name: 'Create team' }).click();
  const network = panel.getByRole('article', { name: 'Network' });
  await network.getByLabel('Person', { exact: true }).selectOption('Lena Lead');
  await network.getByLabel('Role').selectOption('Lead');
  await network.getByRole('button', { name: 'Add member' }).click();
  await expect(network.getByRole('table', { name: 'Members of Network' })).toContainText('Lena Lead');

  await page.getByRole('region', { name: 'Profile' }).getByLabel('Role').selectOption('responder');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(panel.getByRole('note')).toHaveText(
    'Only team leads and administrators can change teams; your profile role is Responder. If that is wrong, change it under Profile above.',
  );
  await expect(network.getByRole('table', { name: 'Members of Network' }).getByRole('row')).toHaveText([/Person\s*Role/, /Lena Lead\s*Lead/]);
  await expect(panel.getByRole('button')).toHaveCount(0);
  await expect(panel.getByRole('textbox')).toHaveCount(0);
  await expect(panel.getByRole('combobox')).toHaveCount(0);
});
