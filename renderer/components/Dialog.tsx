import { useEffect, useRef, type ReactNode } from 'react';

type DialogProps = {
  title: string;
  isOpen: boolean;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  /** Keep the content mounted while closed, so a half-written form survives Esc. */
  keepsDraft?: boolean;
};

const focusableFields = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])';

/**
 * A modal built on the native <dialog>: the browser traps focus and Esc closes it. Focus starts
 * on the first field (not the close button) and returns, on close, to whatever opened it.
 */
export function Dialog({ title, isOpen, onClose, children, wide = false, keepsDraft = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !isOpen) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    bodyRef.current?.querySelector<HTMLElement>(focusableFields)?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // The opener may have been re-rendered away (e.g. a disabled action); fall back to the page.
      if (opener?.isConnected) opener.focus();
      // A dialog that keeps its draft stays mounted: when the opener was the page itself, focus
      // could stay on a field of the now hidden form, and the next shortcut key would be typed
      // into it instead of acting.
      const stillFocused = document.activeElement;
      if (stillFocused instanceof HTMLElement && dialog.contains(stillFocused)) stillFocused.blur();
    };
  }, [isOpen]);

  const titleId = `dialog-title-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {isOpen || keepsDraft ? (
        <>
          <header className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="icon-button" aria-label="Close dialog" onClick={onClose}>
              ×
            </button>
          </header>
          <div ref={bodyRef}>{children}</div>
        </>
      ) : null}
    </dialog>
  );
}
