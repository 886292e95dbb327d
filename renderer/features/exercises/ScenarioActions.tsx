import { useState } from 'react';
import { useNavigate } from 'react-router';
import { isStarterScenarioId, scenarioOfRecord, type ScenarioRecord } from '../../../shared/domain/exerciseRecords';
import type { AppRole } from '../../../shared/domain/people';
import { toIso } from '../../../shared/domain/time';
import { exportMselCsv } from '../../../shared/formats/mselCsv';
import { exportScenarioFile } from '../../../shared/formats/scenarioJson';
import { Dialog } from '../../components/Dialog';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { canWriteScenarios } from '../../data/exerciseAccess';
import { deleteScenario } from '../../data/exerciseScenarioCommands';
import { saveTextFile } from '../../platform/files';
import { useUiStore } from '../../state/uiStore';
import { fileNameOf } from './scenarioDisplay';
import { StartRunDialog } from './StartRunDialog';

type Message = { text: string; isError: boolean };

/** What can be done with a scenario: start a run, edit, export (JSON, MSEL CSV) and delete. */
export function ScenarioActions({ scenario, role }: { scenario: ScenarioRecord; role: AppRole }) {
  const navigate = useNavigate();
  const announce = useUiStore((state) => state.announce);
  const [message, setMessage] = useState<Message | null>(null);
  const [dialog, setDialog] = useState<'run' | 'delete' | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const canWrite = canWriteScenarios(role);

  const exportAs = async (format: 'json' | 'csv') => {
    try {
      const base = fileNameOf(scenario.title);
      const saved =
        format === 'json'
          ? await saveTextFile(`${base}.json`, exportScenarioFile([scenarioOfRecord(scenario)], toIso(getDataEnvironment().nowMs())), 'json', 'application/json')
          : await saveTextFile(`${base}-msel.csv`, exportMselCsv(scenario), 'csv', 'text/csv');
      setMessage(saved.status === 'saved' ? { text: `Exported to ${saved.fileName}.`, isError: false } : { text: 'Export cancelled; nothing was written.', isError: false });
    } catch (error) {
      setMessage({ text: `Export failed: ${error instanceof Error ? error.message : String(error)}.`, isError: true });
    }
  };

  const remove = async () => {
    setIsBusy(true);
    try {
      const result = await deleteScenario(getDataEnvironment(), scenario.id);
      if (result.ok) {
        setDialog(null);
        announce(`Scenario ${scenario.title} deleted.`);
        void navigate('/exercises', { replace: true });
      } else {
        setDialog(null);
        setMessage({ text: `${Object.values(result.errors).join(' ')} Nothing was deleted.`, isError: true });
      }
    } catch (error) {
      setDialog(null);
      setMessage({ text: `Delete failed: ${error instanceof Error ? error.message : String(error)}. Nothing was deleted.`, isError: true });
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <div className="scenario-actions">
      <div className="form-actions" role="group" aria-label="Scenario actions">
        {role !== 'viewer' ? (
          <button type="button" className="primary" onClick={() => setDialog('run')}>
            Start a run
          </button>
        ) : null}
        {canWrite ? (
          <button type="button" onClick={() => void navigate(`/exercises/scenarios/${scenario.id}/edit`)}>
            Edit
          </button>
        ) : null}
        <button type="button" onClick={() => void exportAs('json')}>
          Export JSON
        </button>
        <button type="button" onClick={() => void exportAs('csv')}>
          Export MSEL CSV
        </button>
        {canWrite ? (
          <button type="button" className="danger-outline" onClick={() => setDialog('delete')} disabled={isBusy}>
            Delete
          </button>
        ) : null}
      </div>
      <div role="status" aria-label="Scenario action result">
        {message && !message.isError ? <p>{message.text}</p> : null}
      </div>
      {message?.isError ? (
        <p role="alert" className="form-error">
          {message.text}
        </p>
      ) : null}
      <StartRunDialog scenario={scenario} isOpen={dialog === 'run'} onClose={() => setDialog(null)} />
      <Dialog title="Delete this scenario?" isOpen={dialog === 'delete'} onClose={() => setDialog(null)}>
        <div className="form">
          <p>
            {scenario.title} and all its versions will be deleted on every device this one syncs with. Runs already made from it keep their own copy.
            {isStarterScenarioId(scenario.id) ? ' It is a starter scenario: it comes back only on a device that has never seen it.' : ''}
          </p>
          {/* The safe choice comes first, so the focus the dialog gives it cannot destroy anything. */}
          <div className="form-actions">
            <button type="button" onClick={() => setDialog(null)}>
              Keep it
            </button>
            <button type="button" className="danger" onClick={() => void remove()} disabled={isBusy}>
              Delete scenario
            </button>
          </div>
        </div>
      </Dialog>
    </div>
  );
}
