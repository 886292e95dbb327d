/**
 * The current time, refreshed every `intervalMs`, so relative times ("12 min ago"), running
 * durations and live countdowns stay true without reading the clock during render. Components
 * asking for the same interval share one timer.
 */
import { useCallback, useSyncExternalStore } from 'react';

type Ticker = { now: number; listeners: Set<() => void>; timer: ReturnType<typeof setInterval> | null };

const tickers = new Map<number, Ticker>();

function tickerFor(intervalMs: number): Ticker {
  let ticker = tickers.get(intervalMs);
  if (!ticker) {
    ticker = { now: Date.now(), listeners: new Set(), timer: null };
    tickers.set(intervalMs, ticker);
  }
  return ticker;
}

export function useNow(intervalMs = 30_000): number {
  const subscribe = useCallback(
    (listener: () => void) => {
      const ticker = tickerFor(intervalMs);
      ticker.listeners.add(listener);
      if (ticker.timer === null) {
        ticker.now = Date.now();
        ticker.timer = setInterval(() => {
          ticker.now = Date.now();
          for (const notify of ticker.listeners) notify();
        }, intervalMs);
      }
      return () => {
        ticker.listeners.delete(listener);
        if (ticker.listeners.size === 0 && ticker.timer !== null) {
          clearInterval(ticker.timer);
          ticker.timer = null;
        }
      };
    },
    [intervalMs],
  );
  return useSyncExternalStore(subscribe, () => tickerFor(intervalMs).now);
}
