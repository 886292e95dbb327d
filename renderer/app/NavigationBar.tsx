import { NavLink } from 'react-router';
import { NotificationBell } from './NotificationBell';

const areas = [
  { to: '/incidents', label: 'Incidents' },
  { to: '/quality', label: 'Data quality' },
  { to: '/playbooks', label: 'Playbooks' },
  { to: '/trends', label: 'Trends' },
  { to: '/exercises', label: 'Exercises' },
  { to: '/settings', label: 'Settings' },
] as const;

export function NavigationBar() {
  return (
    <nav className="app-nav" aria-label="Main">
      <div className="app-name" aria-hidden="true">
        Firebreak
      </div>
      <ul>
        {areas.map((area) => (
          <li key={area.to}>
            <NavLink to={area.to} className={({ isActive }) => (isActive ? 'nav-link active' : 'nav-link')}>
              {area.label}
            </NavLink>
          </li>
        ))}
      </ul>
      <NotificationBell />
    </nav>
  );
}
