import { useUiStore } from '../state/uiStore';

/** Messages from keyboard actions that have no dialog to show them in, read out politely. */
export function Announcement() {
  const announcement = useUiStore((state) => state.announcement);
  return (
    <span role="status" aria-label="Announcement" className="announcement">
      {announcement}
    </span>
  );
}
