/**
 * Hybrid logical clock (HLC) for change stamps.
 *
 * A stamp is a fixed-width string that sorts in causal order: 13 digits of wall-clock
 * milliseconds, 6 digits of counter, then the node id. The clock never goes backwards: when the
 * device clock jumps back, the wall part holds and the counter advances. The caller persists the
 * returned state with every write, so the clock stays monotonic across restarts.
 */

export type HlcState = {
  wallMs: number;
  counter: number;
  nodeId: string;
};

export type HlcStamp = string;

const maxCounter = 999_999;

/** How far ahead of this device's clock a received stamp may be before it is refused. */
export const defaultMaxClockAheadMs = 5 * 60 * 1000;

export function createHlcState(nodeId: string): HlcState {
  if (!/^[0-9a-z]{4,32}$/i.test(nodeId)) {
    throw new Error(`An HLC node id is 4 to 32 letters or digits, got "${nodeId}"`);
  }
  return { wallMs: 0, counter: 0, nodeId };
}

export function formatHlcStamp(state: HlcState): HlcStamp {
  return `${String(state.wallMs).padStart(13, '0')}:${String(state.counter).padStart(6, '0')}:${state.nodeId}`;
}

export function parseHlcStamp(stamp: HlcStamp): HlcState {
  const match = /^(\d{13}):(\d{6}):([0-9a-z]{4,32})$/i.exec(stamp);
  if (!match) throw new Error(`Not an HLC stamp: "${stamp}"`);
  return { wallMs: Number(match[1]), counter: Number(match[2]), nodeId: match[3]! };
}

export function isHlcStamp(value: unknown): value is HlcStamp {
  return typeof value === 'string' && /^\d{13}:\d{6}:[0-9a-z]{4,32}$/i.test(value);
}

/** Orders two stamps; stamps are designed so that plain string order is causal order. */
export function compareHlcStamps(left: HlcStamp, right: HlcStamp): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

function advance(wallMs: number, counter: number, nodeId: string): HlcState {
  // A counter overflow borrows one millisecond rather than wrapping, so order is kept.
  if (counter > maxCounter) return { wallMs: wallMs + 1, counter: 0, nodeId };
  return { wallMs, counter, nodeId };
}

/** Stamps a local event. `nowMs` is the device clock, passed in so the domain stays pure. */
export function tickHlc(state: HlcState, nowMs: number): { state: HlcState; stamp: HlcStamp } {
  const wallMs = Math.max(state.wallMs, Math.floor(nowMs));
  const counter = wallMs === state.wallMs ? state.counter + 1 : 0;
  const next = advance(wallMs, counter, state.nodeId);
  return { state: next, stamp: formatHlcStamp(next) };
}

export type HlcReceiveResult =
  | { ok: true; state: HlcState }
  | { ok: false; reason: 'clock-ahead'; aheadByMs: number };

/**
 * Folds a stamp seen from elsewhere into the local clock, so later local stamps sort after it.
 * A stamp more than `maxAheadMs` ahead of this device's clock is refused: accepting it would drag
 * every later local stamp into the future with it.
 */
export function receiveHlc(
  state: HlcState,
  remoteStamp: HlcStamp,
  nowMs: number,
  maxAheadMs: number = defaultMaxClockAheadMs,
): HlcReceiveResult {
  const remote = parseHlcStamp(remoteStamp);
  const aheadByMs = remote.wallMs - Math.floor(nowMs);
  if (aheadByMs > maxAheadMs) return { ok: false, reason: 'clock-ahead', aheadByMs };
  const wallMs = Math.max(state.wallMs, remote.wallMs, Math.floor(nowMs));
  let counter: number;
  if (wallMs === state.wallMs && wallMs === remote.wallMs) counter = Math.max(state.counter, remote.counter) + 1;
  else if (wallMs === state.wallMs) counter = state.counter + 1;
  else if (wallMs === remote.wallMs) counter = remote.counter + 1;
  else counter = 0;
  return { ok: true, state: advance(wallMs, counter, state.nodeId) };
}
