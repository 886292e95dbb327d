import { Link } from 'react-router';
import { Timestamp } from '../../components/Timestamp';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { markNotificationRead, type AppNotification } from '../../data/notifications';

/** One notification: what happened, when, a link to the incident, and whether it has been read. */
export function NotificationItem({ notification }: { notification: AppNotification }) {
  const isUnread = notification.readAt === null;
  const markRead = () => void markNotificationRead(getDataEnvironment(), notification.id);
  return (
    <li className={isUnread ? 'card notification unread' : 'card notification'}>
      <p className="notification-title">
        {isUnread ? <span className="unread-marker">Unread</span> : null}
        {notification.incidentId ? (
          // Following the link is reading it.
          <Link to={`/incidents/${notification.incidentId}`} onClick={markRead}>
            {notification.title}
          </Link>
        ) : (
          <strong>{notification.title}</strong>
        )}
      </p>
      <p className="notification-body">{notification.body}</p>
      <p className="muted small-text">
        <Timestamp iso={notification.createdAt} isRelative />
        {isUnread ? (
          <>
            {' '}
            <button type="button" className="link-button" aria-label={`Mark "${notification.title}" read`} onClick={markRead}>
              Mark read
            </button>
          </>
        ) : null}
      </p>
    </li>
  );
}
