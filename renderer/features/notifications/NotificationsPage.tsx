/**
 * The in-app notification list: escalations that reached the person on this device, newest
 * first, each linking to its incident. Notifications stay on this device; the timeline is the record.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { markAllNotificationsRead, useNotifications } from '../../data/notifications';
import { DesktopNotificationsPanel } from './DesktopNotificationsPanel';
import { NotificationItem } from './NotificationItem';

export function NotificationsPage() {
  const notifications = useNotifications();
  const [message, setMessage] = useState('');
  const unread = notifications?.filter((notification) => notification.readAt === null).length ?? 0;

  const markAll = async () => {
    const changed = await markAllNotificationsRead(getDataEnvironment());
    setMessage(`${changed} ${changed === 1 ? 'notification' : 'notifications'} marked read.`);
  };

  return (
    <div className="notifications-page">
      <header className="notifications-header">
        <h1>Notifications</h1>
        <button type="button" onClick={() => void markAll()} disabled={unread === 0}>
          Mark all read
        </button>
        <span role="status" className="muted">
          {message}
        </span>
      </header>
      {notifications === undefined ? null : notifications.length === 0 ? (
        <div className="notifications-empty">
          <p>No notifications yet.</p>
          <p className="muted">
            Escalations that reach you appear here: an incident at risk of breaching its service target, or one nobody has acknowledged. Leads set
            these up as <Link to="/settings">escalation rules in Settings</Link>.
          </p>
        </div>
      ) : (
        <ol className="notification-list" aria-label="Notifications, newest first">
          {notifications.map((notification) => (
            <NotificationItem key={notification.id} notification={notification} />
          ))}
        </ol>
      )}
      <DesktopNotificationsPanel />
    </div>
  );
}
