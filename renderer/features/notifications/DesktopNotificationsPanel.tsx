import { useState } from 'react';
import {
  desktopNotificationSupport,
  requestDesktopNotificationPermission,
  type DesktopNotificationSupport,
} from '../../platform/notifications';

const explanations: Record<DesktopNotificationSupport, string> = {
  desktop: 'The Firebreak desktop app shows each new notification on your desktop too.',
  granted: 'This browser shows each new notification on your desktop too, while Firebreak is open.',
  default: 'Firebreak can also show new notifications on your desktop, while it is open in this browser.',
  denied: 'This browser blocks desktop notifications from Firebreak. Allow them in the site settings of your browser to get them.',
  unsupported: 'This browser cannot show desktop notifications; the list above still has every one.',
};

/**
 * Desktop notifications beyond the in-app list. Browsers grant permission only in answer to a
 * click, so nothing is asked until the person presses the button. Notifications carry the
 * incident reference and the rule, never the incident's title or details (lock screens show them).
 */
export function DesktopNotificationsPanel() {
  const [support, setSupport] = useState<DesktopNotificationSupport>(() => desktopNotificationSupport());
  return (
    <section className="card" aria-labelledby="desktop-notifications-title">
      <h2 id="desktop-notifications-title">Desktop notifications</h2>
      <p role="status">{explanations[support]}</p>
      {support === 'default' ? (
        <button type="button" onClick={() => void requestDesktopNotificationPermission().then(setSupport)}>
          Allow desktop notifications
        </button>
      ) : null}
    </section>
  );
}
