import { useId, useState } from 'react';

/**
 * The "ⓘ" beside a metric: its formula in a tooltip on hover and on keyboard focus (and on click,
 * for touch), always in the page as the button's description so screen readers hear it too.
 */
export function FormulaInfo({ metricName, formula }: { metricName: string; formula: string }) {
  const tooltipId = useId();
  const [isOpen, setIsOpen] = useState(false);
  return (
    <span className="formula-info" onMouseEnter={() => setIsOpen(true)} onMouseLeave={() => setIsOpen(false)}>
      <button
        type="button"
        className="formula-button"
        aria-label={`How ${metricName} is calculated`}
        aria-describedby={tooltipId}
        aria-expanded={isOpen}
        onFocus={() => setIsOpen(true)}
        onBlur={() => setIsOpen(false)}
        onClick={() => setIsOpen((open) => !open)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && isOpen) {
            event.stopPropagation();
            setIsOpen(false);
          }
        }}
      >
        {/* A plain "i" in a CSS circle: the ⓘ character is missing from some system fonts. */}
        <span aria-hidden="true">i</span>
      </button>
      {/* Kept in the page while closed (only visually hidden) so aria-describedby always resolves. */}
      <span role="tooltip" id={tooltipId} className={isOpen ? 'formula-tooltip' : 'visually-hidden'}>
        {formula}
      </span>
    </span>
  );
}
