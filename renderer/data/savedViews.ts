/** Saved custom views: a named filter and sort, kept on this device for the person using it. */
import { useLiveQuery } from 'dexie-react-hooks';
import { z } from 'zod';
import { incidentSortFields, type IncidentListFilter, type IncidentSort } from '../../shared/domain/incidentList';
import type { SavedViewRow } from '../db/database';
import { commandFailed, getDataEnvironment, type CommandResult, type DataEnvironment } from './dataEnvironment';

export const maxSavedViews = 50;
const viewNameSchema = z.string().trim().min(1, 'Name the view').max(60, 'Keep the name under 60 characters');
const sortSchema = z.strictObject({ field: z.enum(incidentSortFields), direction: z.enum(['asc', 'desc']) });

export async function saveView(environment: DataEnvironment, name: string, filter: IncidentListFilter, sort: IncidentSort): Promise<CommandResult<SavedViewRow>> {
  const parsedName = viewNameSchema.safeParse(name);
  if (!parsedName.success) return commandFailed(parsedName.error.issues[0]!.message, 'name');
  if (!sortSchema.safeParse(sort).success) return commandFailed('That sort is not one Firebreak knows.');
  const { db } = environment;
  return db.transaction('rw', db.savedViews, async () => {
    const existing = await db.savedViews.toArray();
    const sameName = existing.find((view) => view.name.toLowerCase() === parsedName.data.toLowerCase());
    if (!sameName && existing.length >= maxSavedViews) return commandFailed(`Keep to ${maxSavedViews} saved views; delete one first.`, 'name');
    // Saving under an existing name replaces that view: it is how a view is updated.
    const view: SavedViewRow = {
      id: sameName?.id ?? environment.newId(),
      name: parsedName.data,
      filter: { ...filter },
      sort: { ...sort },
      createdAt: sameName?.createdAt ?? new Date(environment.nowMs()).toISOString(),
    };
    await db.savedViews.put(view);
    return { ok: true as const, value: view };
  });
}

export async function deleteSavedView(environment: DataEnvironment, viewId: string): Promise<void> {
  await environment.db.savedViews.delete(viewId);
}

/** Oldest first, so the order on the queue bar stays put as views are added. */
export function useSavedViews(): SavedViewRow[] {
  return useLiveQuery(() => getDataEnvironment().db.savedViews.toArray().then((views) => views.sort((a, b) => a.createdAt.localeCompare(b.createdAt))), [], []);
}
