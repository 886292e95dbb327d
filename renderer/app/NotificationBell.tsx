import { NavLink } from 'react-router';
import { useUnreadNotificationCount } from '../data/notifications';

/** The way to the notification list; its name says how many are unread, so no one needs the badge. */
export function NotificationBell() {
  const unread = useUnreadNotificationCount();
  const name = unread === 0 ? 'Notifications' : `Notifications, ${unread} unread`;
  return (
    <NavLink to="/notifications" aria-label={name} title={name} className={({ isActive }) => (isActive ? 'nav-link notification-bell active' : 'nav-link notification-bell')}>
      {/* Drawn, not an emoji: emoji fonts are missing on many Linux desktops. */}
      <svg className="bell-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
        <path
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
          d="M18 16v-5a6 6 0 0 0-12 0v5l-2 2h16zM10 21a2 2 0 0 0 4 0"
        />
      </svg>
      <span aria-hidden="true">Notifications</span>
      {unread > 0 ? (
        <span className="unread-badge" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </NavLink>
  );
}
