/** Reading and changing settings (team policy and display preferences). */
import { useLiveQuery } from 'dexie-react-hooks';
import { zodErrorsToFieldErrors } from '../../shared/domain/incident';
import { settingDefaults, settingSchemas, type SettingKey, type SettingValue } from '../../shared/domain/settings';
import { getDataEnvironment, type CommandResult, type DataEnvironment } from './dataEnvironment';
import { runWriteCommand } from './writeTransaction';

export async function readSetting<K extends SettingKey>(environment: DataEnvironment, key: K): Promise<SettingValue<K>> {
  const row = await environment.db.settings.get(key);
  if (!row) return settingDefaults[key];
  const parsed = settingSchemas[key].safeParse(row.value);
  // A row that no longer validates (e.g. written by a newer version) falls back to the default
  // for reading but is left untouched on disk.
  return parsed.success ? (parsed.data as SettingValue<K>) : settingDefaults[key];
}

export async function updateSetting<K extends SettingKey>(
  environment: DataEnvironment,
  key: K,
  value: unknown,
): Promise<CommandResult<SettingValue<K>>> {
  const parsed = settingSchemas[key].safeParse(value);
  if (!parsed.success) return { ok: false, errors: zodErrorsToFieldErrors(parsed.error) };
  const { db } = environment;
  await runWriteCommand(environment, [db.settings], async (recorder) => {
    const existing = await db.settings.get(key);
    const next = existing
      ? recorder.stampPatch('settings', key, existing, { value: parsed.data, updatedAt: recorder.nowIso })
      : recorder.stampNew('settings', key, { key, value: parsed.data, updatedAt: recorder.nowIso });
    await db.settings.put(next);
  });
  return { ok: true, value: parsed.data as SettingValue<K> };
}

export function useSetting<K extends SettingKey>(key: K): SettingValue<K> {
  return useLiveQuery(() => readSetting(getDataEnvironment(), key), [key], settingDefaults[key]);
}
