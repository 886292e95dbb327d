import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { TaskState } from '../../../shared/domain/task';

/**
 * When the user finishes a step its controls (checkbox, answer and skip buttons) go away or are
 * disabled, which drops keyboard focus to the page. If focus was on the item, or fell to the page,
 * move it to the item itself so the next Tab continues from where the user was. Only after the
 * user's own action: a step finished by sync must not pull focus.
 *
 * Returns the function to call with true as the user acts, and with false if the action failed.
 */
export function useFocusWhenSettled(itemRef: RefObject<HTMLElement | null>, state: TaskState): (isActing: boolean) => void {
  const isActing = useRef(false);
  useEffect(() => {
    if (state === 'open' || !isActing.current) return;
    isActing.current = false;
    const item = itemRef.current;
    const active = document.activeElement;
    if (item && (active === null || active === document.body || item.contains(active))) item.focus();
  }, [itemRef, state]);
  return useCallback((acting: boolean) => {
    isActing.current = acting;
  }, []);
}
