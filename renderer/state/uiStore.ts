/**
 * UI state only (what is selected, filtered or open). Saved data lives in IndexedDB and is read
 * through live queries in renderer/data, never copied here.
 */
import { create } from 'zustand';
import {
  defaultIncidentSort,
  emptyIncidentListFilter,
  type IncidentListFilter,
  type IncidentSort,
} from '../../shared/domain/incidentList';
import type { DurationMetric, VolumeDimension } from '../../shared/domain/metrics';
import type { TrendFilters } from '../../shared/domain/trendFilters';

type IncidentListSlice = {
  listFilter: IncidentListFilter;
  listSort: IncidentSort;
  setListFilter: (patch: Partial<IncidentListFilter>) => void;
  resetListFilter: () => void;
  setListSort: (sort: IncidentSort) => void;
  /** Applies a queue or saved view: its filter and sort together. */
  setListView: (view: { filter: IncidentListFilter; sort: IncidentSort }) => void;
  /** The team whose queue "Team queue" shows; null until one is chosen. */
  queueTeamId: string | null;
  setQueueTeamId: (teamId: string) => void;
};

type SelectionSlice = {
  /** Incidents ticked for a bulk change, in the order they were ticked. */
  selectedIncidentIds: string[];
  toggleIncidentSelection: (incidentId: string) => void;
  setIncidentSelection: (incidentIds: string[]) => void;
};

type DialogSlice = {
  isNewIncidentOpen: boolean;
  isShortcutHelpOpen: boolean;
  /** The incident whose Escalate dialog the "e" shortcut opened, or null. */
  escalateDialogIncidentId: string | null;
  setNewIncidentOpen: (isOpen: boolean) => void;
  setShortcutHelpOpen: (isOpen: boolean) => void;
  setEscalateDialogIncidentId: (incidentId: string | null) => void;
};

type AnnouncementSlice = {
  /** A short message for the status bar's live region (e.g. why a keyboard action was refused). */
  announcement: string;
  announce: (message: string) => void;
};

type FocusSlice = {
  /** Bumped to ask the search box to take focus (the "/" shortcut). */
  searchFocusRequest: number;
  requestSearchFocus: () => void;
};

type DraftSlice = {
  /** Unsent timeline notes by incident id, so switching incidents never throws one away. */
  noteDrafts: Record<string, string>;
  setNoteDraft: (incidentId: string, text: string) => void;
};

/** The incidents behind a clicked chart point: the incident list shows exactly these until cleared. */
export type TrendSelection = { label: string; ids: string[] };

type TrendSlice = {
  /** The Trends page's filters; null until the page first opens (the defaults depend on today). */
  trendFilters: TrendFilters | null;
  setTrendFilters: (filters: TrendFilters) => void;
  trendSplitBy: VolumeDimension;
  setTrendSplitBy: (dimension: VolumeDimension) => void;
  /** Which time-to metric the durations chart shows, or all of them. */
  trendDurationChoice: DurationMetric | 'all';
  setTrendDurationChoice: (choice: DurationMetric | 'all') => void;
  trendSelection: TrendSelection | null;
  /** Shows exactly these incidents in the list, with every list filter cleared so none hides one. */
  showTrendSelection: (selection: TrendSelection) => void;
  clearTrendSelection: () => void;
};

export type UiState = TrendSlice & IncidentListSlice & SelectionSlice & DialogSlice & FocusSlice & DraftSlice & AnnouncementSlice;

export const useUiStore = create<UiState>()((set) => ({
  listFilter: emptyIncidentListFilter,
  listSort: defaultIncidentSort,
  setListFilter: (patch) => set((state) => ({ listFilter: { ...state.listFilter, ...patch } })),
  resetListFilter: () => set({ listFilter: emptyIncidentListFilter }),
  setListSort: (listSort) => set({ listSort }),
  setListView: ({ filter, sort }) => set({ listFilter: filter, listSort: sort }),
  queueTeamId: null,
  setQueueTeamId: (queueTeamId) => set({ queueTeamId }),
  selectedIncidentIds: [],
  toggleIncidentSelection: (incidentId) =>
    set((state) => ({
      selectedIncidentIds: state.selectedIncidentIds.includes(incidentId)
        ? state.selectedIncidentIds.filter((id) => id !== incidentId)
        : [...state.selectedIncidentIds, incidentId],
    })),
  setIncidentSelection: (selectedIncidentIds) => set({ selectedIncidentIds }),
  isNewIncidentOpen: false,
  isShortcutHelpOpen: false,
  setNewIncidentOpen: (isNewIncidentOpen) => set({ isNewIncidentOpen }),
  setShortcutHelpOpen: (isShortcutHelpOpen) => set({ isShortcutHelpOpen }),
  escalateDialogIncidentId: null,
  setEscalateDialogIncidentId: (escalateDialogIncidentId) => set({ escalateDialogIncidentId }),
  noteDrafts: {},
  setNoteDraft: (incidentId, text) =>
    set((state) => {
      const noteDrafts = { ...state.noteDrafts };
      if (text === '') delete noteDrafts[incidentId];
      else noteDrafts[incidentId] = text;
      return { noteDrafts };
    }),
  announcement: '',
  announce: (announcement) => set({ announcement }),
  trendFilters: null,
  setTrendFilters: (trendFilters) => set({ trendFilters }),
  trendSplitBy: 'category',
  setTrendSplitBy: (trendSplitBy) => set({ trendSplitBy }),
  trendDurationChoice: 'all',
  setTrendDurationChoice: (trendDurationChoice) => set({ trendDurationChoice }),
  trendSelection: null,
  showTrendSelection: (trendSelection) => set({ trendSelection, listFilter: emptyIncidentListFilter, selectedIncidentIds: [] }),
  clearTrendSelection: () => set({ trendSelection: null }),
  searchFocusRequest: 0,
  requestSearchFocus: () => set((state) => ({ searchFocusRequest: state.searchFocusRequest + 1 })),
}));
