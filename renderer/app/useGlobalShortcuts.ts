/**
 * App-wide keys: N new incident, / search (the playbook search on the playbook list, else the
 * incident search), e escalate the open incident, ? help. Ignored while typing in a field.
 */
import { useEffect } from 'react';
import { matchPath, useLocation, useNavigate } from 'react-router';
import { getDataEnvironment } from '../data/dataEnvironment';
import { readEscalationRefusal } from '../data/escalationAvailability';
import { playbookSearchId } from '../features/playbooks/PlaybookLibraryPage';
import { useUiStore } from '../state/uiStore';

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Triage key "e": opens Escalate for the open incident, or says why it cannot be escalated. */
async function openEscalation(incidentId: string): Promise<void> {
  const refusal = await readEscalationRefusal(getDataEnvironment(), incidentId);
  const store = useUiStore.getState();
  if (refusal) store.announce(refusal);
  else store.setEscalateDialogIncidentId(incidentId);
}

export function useGlobalShortcuts(): void {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const isOnIncidents = pathname.startsWith('/incidents');
  const isOnPlaybookList = pathname === '/playbooks';
  const openIncidentId = matchPath('/incidents/:incidentId', pathname)?.params.incidentId ?? null;
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
      } else if (event.key === '/' && isOnPlaybookList) {
        event.preventDefault();
        document.getElementById(playbookSearchId)?.focus();
      } else if (event.key === '/') {
        event.preventDefault();
        if (!isOnIncidents) void navigate('/incidents');
        store.requestSearchFocus();
      } else if (event.key === 'e' && openIncidentId) {
        event.preventDefault();
        void openEscalation(openIncidentId);
      } else if (event.key === '?') {
        event.preventDefault();
        store.setShortcutHelpOpen(true);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [navigate, isOnIncidents, isOnPlaybookList, openIncidentId]);
}
