import { useMemo, useState, type FormEvent } from 'react';
import { FieldError } from '../../components/FieldError';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { addTask, setTaskState } from '../../data/incidentCommands';
import { useTasks } from '../../data/incidentQueries';

/** Tasks written by hand. Playbook steps are worked under Playbooks, where skipping asks for a reason. */
export function TaskPanel({ incidentId }: { incidentId: string }) {
  const allTasks = useTasks(incidentId);
  const tasks = useMemo(() => allTasks?.filter((task) => (task.fromPlaybook ?? null) === null), [allTasks]);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await addTask(getDataEnvironment(), incidentId, { title, dueAt: null });
    if (!result.ok) {
      setError(result.errors.title ?? Object.values(result.errors)[0]);
      return;
    }
    setError(undefined);
    setTitle('');
  };

  const openCount = tasks?.filter((task) => task.state === 'open').length ?? 0;

  return (
    <section className="card" aria-labelledby="tasks-title">
      <h2 id="tasks-title">
        Tasks {tasks && tasks.length > 0 ? <span className="muted">({openCount} open of {tasks.length})</span> : null}
      </h2>
      {tasks && tasks.length === 0 ? <p className="muted">No tasks of your own yet. Add the checks and actions this incident needs; playbook steps are listed under Playbooks.</p> : null}
      <ul className="task-list">
        {tasks?.map((task) => (
          <li key={task.id} className={`task task-${task.state}`}>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={task.state === 'done'}
                disabled={task.state === 'cancelled'}
                onChange={(event) => void setTaskState(getDataEnvironment(), task.id, event.target.checked ? 'done' : 'open')}
              />
              {task.title}
            </label>
          </li>
        ))}
      </ul>
      <form className="task-form" onSubmit={submit} noValidate>
        <label htmlFor={`new-task-${incidentId}`} className="visually-hidden">
          New task
        </label>
        <input
          id={`new-task-${incidentId}`}
          value={title}
          placeholder="New task"
          aria-invalid={Boolean(error)}
          aria-describedby={error ? 'new-task-error' : undefined}
          onChange={(event) => setTitle(event.target.value)}
        />
        <button type="submit">Add task</button>
        <FieldError id="new-task-error" message={error} />
      </form>
    </section>
  );
}
