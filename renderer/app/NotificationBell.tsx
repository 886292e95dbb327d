import { NavLink } from 'react-router';
import { useUnreadNotificationCount } from '../data/notifications';

/** The way to the notification list; its name says how many are unread, so no one needs the badge. */
export function NotificationBell() {
  const unread = useUnreadNotificationCount();
  const name = unread === 0 ? 'Notifications' : `Notifications, ${unread} unread`;
  return (
    <NavLink to="/notifications" aria-label={name} title={name} className={({ isActive }) => (isActive ? 'nav-link notification-bell active' : 'nav-link notification-bell')}>
      {/* Drawn in CSS, not an emoji (emoji fonts are missing on many Linux desktops) nor inline SVG. */}
      <span className="bell-icon" aria-hidden="true" />
      <span aria-hidden="true">Notifications</span>
      {unread > 0 ? (
        <span className="unread-badge" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </NavLink>
  );
}
