import { Dialog } from '../../../components/Dialog';

/** Asks once before ending the run: a finished run cannot be restarted. */
export function FinishRunDialog({ isOpen, onClose, onConfirm }: { isOpen: boolean; onClose: () => void; onConfirm: () => void }) {
  return (
    <Dialog title="Finish the exercise?" isOpen={isOpen} onClose={onClose}>
      <p>The clock stops for good and no more injects are released. Scoring, the hot wash and the after-action report stay open.</p>
      <p className="form-actions">
        <button type="button" className="primary" onClick={onConfirm}>
          Finish exercise
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </p>
    </Dialog>
  );
}
