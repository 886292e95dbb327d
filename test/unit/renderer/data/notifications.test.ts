import { describe, expect, it } from 'vitest';
import {
  countUnreadNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  readNotifications,
} from '../../../../renderer/data/notifications';
import type { NotificationRow } from '../../../../renderer/db/database';
import { createTestEnvironment, minute } from '../../../support/dataEnvironment';

function notification(id: string, createdAt: string): NotificationRow {
  return { id, incidentId: null, title: `Notification ${id}`, body: 'Body', createdAt, readAt: null };
}

describe('notifications', () => {
  it('lists newest first, marks one read once, then all read', async () => {
    const test = createTestEnvironment();
    await test.db.notifications.bulkAdd([
      notification('a', '2026-03-10T10:00:00.000Z'),
      notification('b', '2026-03-10T11:00:00.000Z'),
      notification('c', '2026-03-10T09:00:00.000Z'),
    ]);
    expect((await readNotifications(test.env)).map((row) => row.id)).toEqual(['b', 'a', 'c']);
    expect(await countUnreadNotifications(test.env)).toBe(3);

    await markNotificationRead(test.env, 'a');
    const firstRead = (await test.db.notifications.get('a'))?.readAt;
    expect(firstRead).toBe(new Date(test.now()).toISOString());
    test.advance(minute);
    await markNotificationRead(test.env, 'a');
    expect((await test.db.notifications.get('a'))?.readAt).toBe(firstRead);
    await markNotificationRead(test.env, 'no-such-notification');
    expect(await countUnreadNotifications(test.env)).toBe(2);

    expect(await markAllNotificationsRead(test.env)).toBe(2);
    expect(await countUnreadNotifications(test.env)).toBe(0);
    expect((await test.db.notifications.get('a'))?.readAt).toBe(firstRead);
    expect((await test.db.notifications.get('b'))?.readAt).toBe(new Date(test.now()).toISOString());
  });
});
