import { describe, expect, it } from 'vitest';
import { afterActionReportNowMs } from '../../../../../../renderer/features/exercises/run/reportClock';

const at = (minute: number, second: number) => Date.UTC(2026, 2, 9, 9, minute, second);
const iso = (ms: number) => new Date(ms).toISOString();

describe('afterActionReportNowMs', () => {
  it('takes a live report to the minute, so it is redrawn once a minute rather than every second', () => {
    expect(afterActionReportNowMs(at(12, 41), [{ at: iso(at(3, 0)) }])).toBe(at(12, 0));
    expect(afterActionReportNowMs(at(12, 59), [{ at: iso(at(3, 0)) }])).toBe(at(12, 0));
  });

  it('is never before the latest run event: a run started and finished within this minute is reported finished', () => {
    const events = [{ at: iso(at(12, 5)) }, { at: iso(at(12, 30)) }, { at: iso(at(12, 20)) }];
    expect(afterActionReportNowMs(at(12, 45), events)).toBe(at(12, 30));
  });

  it('is the minute when there are no events yet', () => {
    expect(afterActionReportNowMs(at(12, 45), [])).toBe(at(12, 0));
  });
});
