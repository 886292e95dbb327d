/** Wording of the scenario library: release times, durations, default run titles and forward statuses. */
import { describe, expect, it } from 'vitest';
import { defaultRunTitle, describeRelease, fileNameOf, formatDuration, forwardStatuses } from '../../../../../renderer/features/exercises/scenarioDisplay';

const injects = [
  { id: 'inject-1', mselNumber: 1 },
  { id: 'inject-3', mselNumber: 3 },
];

describe('describeRelease', () => {
  it('writes offsets as hours and minutes, manual, and after an inject by its MSEL number', () => {
    expect(describeRelease({ release: { kind: 'offset', minutes: 15 } }, injects)).toBe('+00:15');
    expect(describeRelease({ release: { kind: 'offset', minutes: 125 } }, injects)).toBe('+02:05');
    expect(describeRelease({ release: { kind: 'manual' } }, injects)).toBe('manual');
    expect(describeRelease({ release: { kind: 'after', injectId: 'inject-3', minutes: 5 } }, injects)).toBe('after #3 +00:05');
    expect(describeRelease({ release: { kind: 'after', injectId: 'gone', minutes: 0 } }, injects)).toBe('after gone +00:00');
  });
});

describe('small wording', () => {
  it('formats durations', () => {
    expect(formatDuration(45)).toBe('45 min');
    expect(formatDuration(60)).toBe('1 h');
    expect(formatDuration(150)).toBe('2 h 30 min');
  });

  it('titles a run after its scenario and the local date', () => {
    expect(defaultRunTitle('Ransomware', new Date(2026, 2, 7, 9, 30))).toBe('Ransomware — 2026-03-07');
  });

  it('offers only forward statuses, verified only from done', () => {
    expect(forwardStatuses('open')).toEqual(['in_progress', 'done']);
    expect(forwardStatuses('in_progress')).toEqual(['done']);
    expect(forwardStatuses('done')).toEqual(['verified']);
    expect(forwardStatuses('verified')).toEqual([]);
  });

  it('makes file names from titles', () => {
    expect(fileNameOf('Ransomware on the finance file server!')).toBe('ransomware-on-the-finance-file-server');
    expect(fileNameOf('***')).toBe('scenario');
  });
});
