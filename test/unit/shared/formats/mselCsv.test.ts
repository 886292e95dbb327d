import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../../shared/domain/exerciseScenario';
import { starterScenarios } from '../../../../shared/domain/starterScenarios';
import { exportMselCsv, importMselCsv, parseAutoCheck, parseExpectedActions, parseRelease } from '../../../../shared/formats/mselCsv';
import { sampleScenario } from '../exerciseFixtures';

const header = 'msel_number,release,channel,from,to,title,content,expected_actions,facilitator_notes';
const headerOf = ({ injects: _injects, ...rest }: Scenario) => rest;
const context = { scenario: headerOf(sampleScenario()) };
const csv = (...rows: string[]) => [header, ...rows].join('\r\n');

describe('MSEL CSV round trip', () => {
  it.each(starterScenarios.map((scenario) => [scenario.title, scenario] as const))('gives back %s exactly', (_title, scenario) => {
    const text = exportMselCsv(scenario);
    expect(importMselCsv(text, { scenario: headerOf(scenario) })).toEqual({ ok: true, scenario });
  });

  it('keeps ids of a previous version and survives awkward text', () => {
    const scenario = sampleScenario();
    scenario.injects = scenario.injects.map((inject, index) => ({
      ...inject,
      id: `custom-${index}`,
      content: 'Line one, with "quotes"\nLine two; and [brackets]',
      expectedActions: inject.expectedActions.map((action) => ({ ...action, id: `${action.id}-x`, description: 'Brief the board (really); use \\\\share [now] (5)' })),
    }));
    scenario.injects[2] = { ...scenario.injects[2]!, release: { kind: 'after', injectId: 'custom-1', minutes: 75 } };
    scenario.injects[0]!.expectedActions[0]!.check = { kind: 'task_completed', titleIncludes: 'Say "hi"; then ] leave', withinMinutes: 5 };
    const text = exportMselCsv(scenario);
    expect(text.split('\r\n')[0]).toBe(header);
    expect(importMselCsv(text, { scenario: headerOf(scenario), previous: scenario })).toEqual({ ok: true, scenario });
  });

  it('writes releases and expected actions in the documented forms', () => {
    const lines = exportMselCsv(sampleScenario()).split('\r\n');
    expect(lines[1]).toBe('1,+00:00,email,Sam Sender,Incident manager,Inject 1,Content of inject 1,Open a ransomware incident (5) [auto: incident_created category=ransomware within=15] [objective: detect]; Call the service owner (5) [objective: detect],');
    expect(lines[3]!.startsWith('3,after 2 +00:05,email,')).toBe(true);
    expect(lines[4]!.startsWith('4,manual,email,')).toBe(true);
    expect(lines.at(-1)).toBe('');
  });
});

describe('reading MSEL cells', () => {
  it('reads release times, including what spreadsheets make of them', () => {
    expect(parseRelease('+00:15')).toEqual({ kind: 'offset', minutes: 15 });
    expect(parseRelease('01:30')).toEqual({ kind: 'offset', minutes: 90 });
    expect(parseRelease('0:15:00')).toEqual({ kind: 'offset', minutes: 15 });
    expect(parseRelease(' Manual ')).toEqual({ kind: 'manual' });
    expect(parseRelease('after 3 +00:05')).toEqual({ kind: 'after', mselNumber: 3, minutes: 5 });
    expect(parseRelease('after 3')).toEqual({ kind: 'after', mselNumber: 3, minutes: 0 });
    for (const bad of ['15', '+0:75', 'soon', 'after', 'after x +00:05', '-00:05']) expect(parseRelease(bad), bad).toBeNull();
  });

  it('reads expected actions with points, checks and objectives', () => {
    expect(parseExpectedActions('Declare a major incident (5); Apply the ransomware playbook (10) [objective: contain];', 'inject-1')).toEqual({
      ok: true,
      actions: [
        { id: 'inject-1-1', description: 'Declare a major incident', points: 5, check: null, objectiveId: null },
        { id: 'inject-1-2', description: 'Apply the ransomware playbook', points: 10, check: null, objectiveId: 'contain' },
      ],
    });
    expect(parseAutoCheck('containment_recorded within=30')).toEqual({ ok: true, check: { kind: 'containment_recorded', withinMinutes: 30 } });
    expect(parseAutoCheck('stage_reached stage=open')).toEqual({ ok: false, error: 'stage_reached needs a valid stage=… (A stage check names one of triaged, on_hold, resolved, closed, cancelled)' });
    expect(parseAutoCheck('playbook_applied')).toEqual({ ok: false, error: 'playbook_applied needs a valid playbook=… (Name the playbook by its lineage id)' });
    expect(parseAutoCheck('containment_recorded category=malware')).toEqual({ ok: false, error: 'containment_recorded has no setting "category"; it takes within' });
    expect(parseAutoCheck('magic')).toEqual({ ok: false, error: 'unknown automatic check "magic"; use one of incident_created, playbook_applied, containment_recorded, stage_reached, task_completed, timeline_entry' });
  });
});

describe('importMselCsv refuses bad files whole', () => {
  it('names every missing column at once', () => {
    expect(importMselCsv('msel_number,release,title\r\n1,+00:00,Hello\r\n', context)).toEqual({
      ok: false,
      errors: ['The CSV is missing the columns channel, from, to, content, expected_actions, facilitator_notes. An MSEL CSV has the columns msel_number, release, channel, from, to, title, content, expected_actions, facilitator_notes. Nothing was imported.'],
    });
  });

  it('reports each bad row with its spreadsheet row number and imports nothing', () => {
    const result = importMselCsv(
      csv(
        '1,+00:00,email,A,B,Fine,Text,Do it (5),',
        '2,+0:75,email,A,B,Bad time,Text,,',
        '3,+00:10,fax,A,B,Bad channel,Text,,',
        '1,+00:20,chat,A,B,Duplicate,Text,,',
        '5,after 9 +00:05,chat,A,B,Unknown after,Text,,',
        '6,+00:30,Phone call,A,B,Label channel is fine,Text,Call legal; brief the CEO (5),',
        '7,+00:30,SIEM alert,A,,,Text,,',
      ),
      context,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        'Row 3: bad release time "+0:75"; write +HH:MM after the start (for example +00:15), manual, or after <MSEL number> +HH:MM',
        'Row 4: unknown channel "fax"; use one of email, phone_call, news, chat, siem_alert, ticket, document, verbal',
        'Row 5: MSEL number 1 is already used on row 2',
        'Row 6: released after MSEL 9, which is not in the file',
        'Row 7: expected action 1 ("Call legal") has no points; end each action with its points in brackets, for example (5), and separate actions with ;',
        'Row 8: the title is empty',
      ],
    });
  });

  it('reports a loop of after references on the row of its lowest MSEL number', () => {
    const result = importMselCsv(csv('1,+00:00,email,A,B,Start,Text,,', '2,after 3 +00:05,email,A,B,Two,Text,,', '3,after 4,email,A,B,Three,Text,,', '4,after 2 +00:01,email,A,B,Four,Text,,'), context);
    expect(result).toEqual({ ok: false, errors: ['Row 3: Injects 2 -> 3 -> 4 -> 2 wait for each other in a loop, so none of them would ever be released'] });
  });

  it('checks objectives, points and tags against the scenario', () => {
    const result = importMselCsv(
      csv('1,+00:00,email,A,B,One,Text,Act (5) [objective: nowhere],', '2,+00:05,email,A,B,Two,Text,Act (500),', '3,+00:05,email,A,B,Three,Text,Act (5) [auto: containment_recorded within=soon],', '4,manual,news,A,B,Four,Text,Act [now] (5),'),
      context,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        'Row 4: expected action 1 ("Act"): within= takes a whole number of minutes, not "soon"',
        'Row 5: expected action 1 has text after a [tag]; put tags at the end of the action',
      ],
    });
    const second = importMselCsv(csv('1,+00:00,email,A,B,One,Text,Act (5) [objective: nowhere],', '2,+00:05,email,A,B,Two,Text,Act (500),'), context);
    expect(second).toEqual({
      ok: false,
      errors: ['Row 2: expected action 1: Inject 1 refers to objective "nowhere", which the scenario does not have', 'Row 3: expected action 1: At most 100 points per action'],
    });
  });

  it('says when the file is empty, has only a header, or has broken quotes', () => {
    expect(importMselCsv('  ', context)).toEqual({ ok: false, errors: ['The file is empty. Nothing was imported.'] });
    expect(importMselCsv(header, context)).toEqual({ ok: false, errors: ['The CSV has a header but no injects.'] });
    const broken = importMselCsv(csv('1,+00:00,email,A,B,"Unclosed,Text,,'), context);
    expect(broken.ok).toBe(false);
  });

  it('accepts columns in any order, extra columns, a BOM and channel labels', () => {
    const text = '\uFEFFtitle,msel_number,release,channel,from,to,content,expected_actions,facilitator_notes,owner\r\nHello,1,+00:15,SIEM alert,SIEM,SOC,Alert text,Look (3),Notes,Someone\r\n';
    const result = importMselCsv(text, context);
    expect(result.ok && result.scenario.injects).toEqual([
      {
        id: 'inject-1',
        mselNumber: 1,
        release: { kind: 'offset', minutes: 15 },
        channel: 'siem_alert',
        fromPersona: 'SIEM',
        toAudience: 'SOC',
        title: 'Hello',
        content: 'Alert text',
        expectedActions: [{ id: 'inject-1-1', description: 'Look', points: 3, check: null, objectiveId: null }],
        facilitatorNotes: 'Notes',
      },
    ]);
  });
});
