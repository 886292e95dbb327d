import { beforeEach, describe, expect, it } from 'vitest';
import { emptyIncidentListFilter } from '../../../../shared/domain/incidentList';
import { useUiStore } from '../../../../renderer/state/uiStore';

describe('trend drill-down selection', () => {
  beforeEach(() => useUiStore.setState(useUiStore.getInitialState(), true));

  it('shows exactly the chosen incidents: every list filter and ticked row is cleared so none hides one', () => {
    const store = useUiStore.getState();
    store.setListFilter({ priority: 'P1', search: 'vpn' });
    store.setIncidentSelection(['x']);
    store.showTrendSelection({ label: 'incidents reported in Mar 2026: Phishing', ids: ['a', 'b'] });
    const state = useUiStore.getState();
    expect(state.trendSelection).toEqual({ label: 'incidents reported in Mar 2026: Phishing', ids: ['a', 'b'] });
    expect(state.listFilter).toEqual(emptyIncidentListFilter);
    expect(state.selectedIncidentIds).toEqual([]);
    state.clearTrendSelection();
    expect(useUiStore.getState().trendSelection).toBeNull();
  });
});
