/**
 * Routes. A hash router, because the app is served from packaged files (app://) and from any
 * static host, where only the index page exists.
 */
import { createHashRouter, Navigate } from 'react-router';
import { EmptyFeaturePage } from '../features/placeholder/EmptyFeaturePage';
import { ScenarioEditorPage } from '../features/exercises/ScenarioEditorPage';
import { ScenarioPage } from '../features/exercises/ScenarioPage';
import { IncidentsPage } from '../features/incidents/IncidentsPage';
import { DataQualityPage } from '../features/quality/DataQualityPage';
import { NotificationsPage } from '../features/notifications/NotificationsPage';
import { PlaybookEditorPage } from '../features/playbooks/PlaybookEditorPage';
import { PlaybookLibraryPage } from '../features/playbooks/PlaybookLibraryPage';
import { PlaybookPage } from '../features/playbooks/PlaybookPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { ConflictLogPage } from '../features/sync/ConflictLogPage';
import { ImportHistoryPage } from '../features/trends/ImportHistoryPage';
import { SyncSettingsPanel } from '../features/sync/SyncSettingsPanel';
import { AfterActionPage } from '../features/exercises/run/AfterActionPage';
import { NewRunPage } from '../features/exercises/run/NewRunPage';
import { PlayerInboxPage } from '../features/exercises/run/PlayerInboxPage';
import { PresentationPage } from '../features/exercises/run/PresentationPage';
import { RunConsolePage } from '../features/exercises/run/RunConsolePage';
import { AppShell } from './AppShell';
import { RouteError } from './RouteError';

export function createAppRouter() {
  return createHashRouter([
    {
      path: '/',
      element: <AppShell />,
      errorElement: <RouteError />,
      children: [
        { index: true, element: <Navigate to="/incidents" replace /> },
        { path: 'incidents', element: <IncidentsPage /> },
        { path: 'incidents/:incidentId', element: <IncidentsPage /> },
        { path: 'quality', element: <DataQualityPage /> },
        { path: 'playbooks', element: <PlaybookLibraryPage /> },
        { path: 'playbooks/new', element: <PlaybookEditorPage /> },
        { path: 'playbooks/:playbookId', element: <PlaybookPage /> },
        { path: 'playbooks/:playbookId/edit', element: <PlaybookEditorPage /> },
        // Loaded on first visit: recharts is most of its weight, and the incident list does not need it.
        { path: 'trends', lazy: async () => ({ Component: (await import('../features/trends/TrendsPage')).TrendsPage }) },
        { path: 'trends/import', element: <ImportHistoryPage /> },
        // Lazy, like Trends: the charts (recharts) load only when a report is opened.
        { path: 'trends/report', lazy: async () => ({ Component: (await import('../features/trends/MonthlyReportPage')).MonthlyReportPage }) },
        // Lazy, like Trends: the scores chart (recharts) loads only when the page is opened.
        { path: 'exercises', lazy: async () => ({ Component: (await import('../features/exercises/ExercisesPage')).ExercisesPage }) },
        { path: 'exercises/scenarios/new', element: <ScenarioEditorPage /> },
        { path: 'exercises/scenarios/:scenarioId', element: <ScenarioPage /> },
        { path: 'exercises/scenarios/:scenarioId/edit', element: <ScenarioEditorPage /> },
        { path: 'exercises/runs/new', element: <NewRunPage /> },
        { path: 'exercises/runs/:runId', element: <RunConsolePage /> },
        { path: 'exercises/runs/:runId/play', element: <PlayerInboxPage /> },
        { path: 'exercises/runs/:runId/present', element: <PresentationPage /> },
        { path: 'exercises/runs/:runId/after-action', element: <AfterActionPage /> },
        { path: 'settings', element: <SettingsPage syncPanel={<SyncSettingsPanel />} /> },
        { path: 'conflicts', element: <ConflictLogPage /> },
        { path: 'notifications', element: <NotificationsPage /> },
        { path: '*', element: <EmptyFeaturePage title="Page not found" description="There is nothing at this address." isPlanned={false} /> },
      ],
    },
  ]);
}
