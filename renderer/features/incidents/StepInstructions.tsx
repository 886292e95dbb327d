import { useState } from 'react';
import type { PlaybookLink } from '../../../shared/domain/playbook';

type StepInstructionsProps = {
  id: string;
  /** The step's title or question, for the button's name: many steps sit in one list. */
  title: string;
  /** Markdown, shown as plain text: what the author wrote stays readable and nothing in it runs. */
  instructions: string;
  links: readonly PlaybookLink[];
};

/** A step's instructions behind a disclosure button, so the checklist stays short. */
export function StepInstructions({ id, title, instructions, links }: StepInstructionsProps) {
  const [isOpen, setIsOpen] = useState(false);
  if (instructions.trim() === '' && links.length === 0) return null;
  const panelId = `${id}-instructions`;
  return (
    <div className="step-instructions">
      <button
        type="button"
        className="link-button small-text"
        aria-expanded={isOpen}
        aria-controls={panelId}
        aria-label={`Show instructions for ${title}`}
        onClick={() => setIsOpen((open) => !open)}
      >
        {isOpen ? '▾ Instructions' : '▸ Instructions'}
      </button>
      <div id={panelId} hidden={!isOpen} className="instructions-text">
        {instructions.trim() === '' ? null : <p>{instructions}</p>}
        {links.length > 0 ? (
          <ul className="step-links">
            {links.map((link) => (
              <li key={link.url}>
                {/* The domain allows only http(s) and mailto links; the desktop shell opens them in the browser. */}
                <a href={link.url} target="_blank" rel="noreferrer noopener">
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
