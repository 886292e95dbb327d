/** The current time, refreshed every `intervalMs` while the component is mounted (live countdowns). */
import { useEffect, useState } from 'react';

export function useTicker(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
