/** App-wide keys: N new incident, / search, ? help. Ignored while typing in a field. */
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useUiStore } from '../state/uiStore';

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useGlobalShortcuts(): void {
  const navigate = useNavigate();
  const isOnIncidents = useLocation().pathname.startsWith('/incidents');
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      const store = useUiStore.getState();
      // From another area, go to the incidents first; on the incidents, keep the open incident.
      if (event.key === 'n' || event.key === 'N') {
        event.preventDefault();
        if (!isOnIncidents) void navigate('/incidents');
        store.setNewIncidentOpen(true);
      } else if (event.key === '/') {
        event.preventDefault();
        if (!isOnIncidents) void navigate('/incidents');
        store.requestSearchFocus();
      } else if (event.key === '?') {
        event.preventDefault();
        store.setShortcutHelpOpen(true);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [navigate, isOnIncidents]);
}
