import { useState, type FormEvent } from 'react';
import { alwaysOpenCalendar, isAlwaysOpen, type BusinessCalendar } from '../../../shared/domain/businessCalendar';
import type { ServiceLevelCalendars } from '../../../shared/domain/serviceLevel';
import { incidentKindLabels, incidentKinds, type IncidentKind } from '../../../shared/domain/taxonomy';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { useProfile } from '../../data/profile';
import { updateSetting, useSetting } from '../../data/settingsData';

const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
/** Monday first, as people read a working week; values are Date#getDay indexes. */
const weekdayOrder = [1, 2, 3, 4, 5, 6, 0] as const;

type CalendarDraft = {
  isAroundTheClock: boolean;
  timeZone: string;
  /** Per weekday (Date#getDay index): opening and closing time, both blank when closed. */
  days: { start: string; end: string }[];
  /** One YYYY-MM-DD per line. */
  holidays: string;
};
type Draft = { warnAtPercent: string; calendars: Record<IncidentKind, CalendarDraft> };

const officeHours = (timeZone: string): CalendarDraft => ({
  isAroundTheClock: false,
  timeZone,
  days: weekdays.map((_, index) => (index === 0 || index === 6 ? { start: '', end: '' } : { start: '09:00', end: '17:00' })),
  holidays: '',
});

function toCalendarDraft(calendar: BusinessCalendar): CalendarDraft {
  if (isAlwaysOpen(calendar)) return { ...officeHours(Intl.DateTimeFormat().resolvedOptions().timeZone), isAroundTheClock: true };
  return {
    isAroundTheClock: false,
    timeZone: calendar.timeZone,
    // The editor offers one opening interval a day; a calendar with more keeps its first here.
    days: calendar.weeklyHours.map((intervals) => intervals[0] ?? { start: '', end: '' }),
    holidays: calendar.holidays.join('\n'),
  };
}

function fromCalendarDraft(kind: IncidentKind, draft: CalendarDraft): BusinessCalendar {
  if (draft.isAroundTheClock) return alwaysOpenCalendar;
  return {
    id: `${kind}-hours`,
    name: `${incidentKindLabels[kind]} service hours`,
    timeZone: draft.timeZone.trim(),
    weeklyHours: draft.days.map((day) => (day.start === '' && day.end === '' ? [] : [{ start: day.start, end: day.end }])),
    holidays: draft.holidays
      .split(/[\s,]+/)
      .map((line) => line.trim())
      .filter(Boolean),
  };
}

/** The zod path of a problem, in words a lead can act on. */
function describeProblem(path: string, message: string): string {
  const [, kind, part, dayIndex] = path.split('.');
  const kindLabel = kind && kind in incidentKindLabels ? `${incidentKindLabels[kind as IncidentKind]} incidents` : '';
  if (part === 'weeklyHours' && dayIndex !== undefined && weekdays[Number(dayIndex)]) return `${kindLabel}, ${weekdays[Number(dayIndex)]}: ${message}`;
  if (part === 'holidays') return `${kindLabel}, holidays: ${message}`;
  if (path === 'warnAtFraction') return `Warning threshold: ${message}`;
  return kindLabel ? `${kindLabel}: ${message}` : message;
}

/**
 * When the SLA clocks count: around the clock, or business hours in a time zone with holidays,
 * for each kind of incident, and at what share of a target the warning shows.
 */
export function ServiceHoursEditor() {
  const value = useSetting('serviceLevelCalendars');
  const [outcome, setOutcome] = useState<{ message: string; isError: boolean }>({ message: '', isError: false });
  // Remounted when the saved value changes (here or by sync), so the form always starts from it.
  return <ServiceHoursForm key={JSON.stringify(value)} value={value} outcome={outcome} setOutcome={setOutcome} />;
}

type ServiceHoursFormProps = {
  value: ServiceLevelCalendars;
  outcome: { message: string; isError: boolean };
  setOutcome: (outcome: { message: string; isError: boolean }) => void;
};

function ServiceHoursForm({ value, outcome, setOutcome }: ServiceHoursFormProps) {
  const profile = useProfile();
  const canEdit = profile?.role === 'lead' || profile?.role === 'admin';
  const [draft, setDraft] = useState<Draft>(() => ({
    warnAtPercent: String(Math.round(value.warnAtFraction * 1000) / 10),
    calendars: { security: toCalendarDraft(value.calendars.security), service: toCalendarDraft(value.calendars.service) },
  }));

  const updateCalendar = (kind: IncidentKind, patch: Partial<CalendarDraft>) =>
    setDraft((current) => ({ ...current, calendars: { ...current.calendars, [kind]: { ...current.calendars[kind], ...patch } } }));
  const updateDay = (kind: IncidentKind, dayIndex: number, patch: Partial<{ start: string; end: string }>) =>
    updateCalendar(kind, { days: draft.calendars[kind].days.map((day, index) => (index === dayIndex ? { ...day, ...patch } : day)) });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const percent = Number(draft.warnAtPercent);
    if (draft.warnAtPercent.trim() === '' || !(percent > 0 && percent <= 100)) {
      setOutcome({ message: 'Not saved. Warning threshold: enter a percentage above 0 and at most 100.', isError: true });
      return;
    }
    const next = {
      warnAtFraction: percent / 100,
      calendars: { security: fromCalendarDraft('security', draft.calendars.security), service: fromCalendarDraft('service', draft.calendars.service) },
    };
    const result = await updateSetting(getDataEnvironment(), 'serviceLevelCalendars', next);
    if (result.ok) setOutcome({ message: 'Service hours saved. Open incidents count against them from now on.', isError: false });
    else setOutcome({ message: `Not saved. ${Object.entries(result.errors).map(([path, message]) => describeProblem(path, message)).join('; ')}.`, isError: true });
  };

  return (
    <section className="card" aria-labelledby="settings-hours-title">
      <h2 id="settings-hours-title">Service hours</h2>
      <p className="muted">
        When the service-level clocks count. Security incidents usually count around the clock; a service desk may count office hours only. Time outside the hours, on holidays and on hold
        does not count.
      </p>
      {!canEdit ? <p className="muted">Only team leads and administrators change service hours.</p> : null}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <fieldset disabled={!canEdit} className="plain-fieldset">
          <div className="field">
            <label htmlFor="warn-at-percent">Warn when this share of a target is used (%)</label>
            <input id="warn-at-percent" type="number" min={1} max={100} step={1} inputMode="numeric" value={draft.warnAtPercent} onChange={(event) => setDraft({ ...draft, warnAtPercent: event.target.value })} />
          </div>
          {incidentKinds.map((kind) => {
            const calendar = draft.calendars[kind];
            return (
              <fieldset key={kind} className="hours-kind">
                <legend>{incidentKindLabels[kind]} incidents</legend>
                <label>
                  <input type="radio" name={`hours-${kind}`} checked={calendar.isAroundTheClock} onChange={() => updateCalendar(kind, { isAroundTheClock: true })} /> Around the clock (24x7)
                </label>
                <label>
                  <input type="radio" name={`hours-${kind}`} checked={!calendar.isAroundTheClock} onChange={() => updateCalendar(kind, { isAroundTheClock: false })} /> Business hours
                </label>
                {!calendar.isAroundTheClock ? (
                  <>
                    <div className="field">
                      <label htmlFor={`hours-${kind}-zone`}>Time zone</label>
                      <input id={`hours-${kind}-zone`} list="time-zones" value={calendar.timeZone} onChange={(event) => updateCalendar(kind, { timeZone: event.target.value })} placeholder="Europe/London" />
                    </div>
                    {/* Text, not time inputs: a day can close at 24:00, which a time input cannot hold. */}
                    <table className="hours-table">
                      <caption className="visually-hidden">{incidentKindLabels[kind]} opening hours; leave both times blank for a closed day</caption>
                      <thead>
                        <tr>
                          <th scope="col">Day</th>
                          <th scope="col">Opens</th>
                          <th scope="col">Closes</th>
                        </tr>
                      </thead>
                      <tbody>
                        {weekdayOrder.map((dayIndex) => (
                          <tr key={dayIndex}>
                            <th scope="row">{weekdays[dayIndex]}</th>
                            <td>
                              <input type="text" inputMode="numeric" placeholder="09:00" aria-label={`${incidentKindLabels[kind]} ${weekdays[dayIndex]} opens`} value={calendar.days[dayIndex]!.start} onChange={(event) => updateDay(kind, dayIndex, { start: event.target.value })} />
                            </td>
                            <td>
                              <input type="text" inputMode="numeric" placeholder="17:00" aria-label={`${incidentKindLabels[kind]} ${weekdays[dayIndex]} closes`} value={calendar.days[dayIndex]!.end} onChange={(event) => updateDay(kind, dayIndex, { end: event.target.value })} />
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    <div className="field">
                      <label htmlFor={`hours-${kind}-holidays`}>Holidays (one date a line, YYYY-MM-DD)</label>
                      <textarea id={`hours-${kind}-holidays`} rows={3} value={calendar.holidays} onChange={(event) => updateCalendar(kind, { holidays: event.target.value })} />
                    </div>
                  </>
                ) : null}
              </fieldset>
            );
          })}
          <datalist id="time-zones">
            {Intl.supportedValuesOf('timeZone').map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
          <button type="submit" className="primary">
            Save service hours
          </button>
        </fieldset>
      </form>
      <p role="status" className={outcome.isError ? 'field-error' : 'muted'}>
        {outcome.message}
      </p>
    </section>
  );
}
