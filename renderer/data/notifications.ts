/**
 * The in-app notification list of the person using this device (escalations that reached them).
 * Local only: each device notifies its own user; what happened is on the synced timeline.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { NotificationRow } from '../db/database';
import { getDataEnvironment, type DataEnvironment } from './dataEnvironment';

export type AppNotification = NotificationRow;

/** More than anyone reads; older ones stay stored but drop off the list. */
export const notificationListLimit = 500;

export async function readNotifications(environment: DataEnvironment): Promise<AppNotification[]> {
  return environment.db.notifications.orderBy('createdAt').reverse().limit(notificationListLimit).toArray();
}

export async function countUnreadNotifications(environment: DataEnvironment): Promise<number> {
  return environment.db.notifications.filter((row) => row.readAt === null).count();
}

/** Newest first; undefined while loading. */
export function useNotifications(): AppNotification[] | undefined {
  return useLiveQuery(() => readNotifications(getDataEnvironment()), [], undefined);
}

export function useUnreadNotificationCount(): number {
  return useLiveQuery(() => countUnreadNotifications(getDataEnvironment()), [], 0);
}

/** Marks one notification read; reading it again keeps the first time. */
export async function markNotificationRead(environment: DataEnvironment, notificationId: string): Promise<void> {
  const { db } = environment;
  await db.transaction('rw', db.notifications, async () => {
    const row = await db.notifications.get(notificationId);
    if (row && row.readAt === null) await db.notifications.update(notificationId, { readAt: new Date(environment.nowMs()).toISOString() });
  });
}

/** Marks every unread notification read, in one transaction; returns how many changed. */
export async function markAllNotificationsRead(environment: DataEnvironment): Promise<number> {
  const { db } = environment;
  const readAt = new Date(environment.nowMs()).toISOString();
  return db.transaction('rw', db.notifications, () => db.notifications.filter((row) => row.readAt === null).modify({ readAt }));
}
