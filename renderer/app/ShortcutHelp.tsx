import { Dialog } from '../components/Dialog';
import { useUiStore } from '../state/uiStore';

const shortcuts = [
  ['N', 'New incident'],
  ['/', 'Search incidents (on the playbook list: search playbooks)'],
  ['Alt+↑ / Alt+↓', 'In the playbook editor: move the step that has focus up / down'],
  ['j / k', 'Open the next / previous incident in the list'],
  ['a', 'Assign the open incident to me'],
  ['e', 'Escalate the open incident'],
  ['Tab, Enter', 'Move through the list; Enter opens the focused incident'],
  ['Ctrl+Enter', 'Add the timeline note you are typing'],
  ['Esc', 'Close a dialog, leave the search box, or go back to the list'],
  ['?', 'Show these shortcuts'],
] as const;

export function ShortcutHelp() {
  const isOpen = useUiStore((state) => state.isShortcutHelpOpen);
  const setOpen = useUiStore((state) => state.setShortcutHelpOpen);
  return (
    <Dialog title="Keyboard shortcuts" isOpen={isOpen} onClose={() => setOpen(false)}>
      <table className="shortcut-table">
        <tbody>
          {shortcuts.map(([key, action]) => (
            <tr key={key}>
              <th scope="row">
                <kbd>{key}</kbd>
              </th>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
