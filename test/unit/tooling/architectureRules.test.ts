// @vitest-environment node
// The dependency rules of the architecture guide are enforced by ESLint; these tests prove the
// rules fire, so a broken config cannot silently let a layer reach where it must not.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? 'fatal');
}

describe('architecture dependency rules', () => {
  it.each([
    ['shared/domain/probe.ts', "import { useState } from 'react';\nexport const probe = useState;\n", 'no-restricted-imports'],
    ['shared/domain/probe.ts', "import { readFile } from 'node:fs/promises';\nexport const probe = readFile;\n", 'no-restricted-imports'],
    ['shared/domain/probe.ts', "import { getDatabase } from '../../renderer/db/database';\nexport const probe = getDatabase;\n", 'import-x/no-restricted-paths'],
    ['renderer/features/incidents/Probe.tsx', "import { getDatabase } from '../../db/database';\nexport const probe = getDatabase;\n", 'import-x/no-restricted-paths'],
    ['renderer/features/incidents/Probe.tsx', "import Dexie from 'dexie';\nexport const probe = Dexie;\n", 'no-restricted-imports'],
    ['renderer/features/incidents/Probe.tsx', "import { SettingsPage } from '../settings/SettingsPage';\nexport const probe = SettingsPage;\n", 'import-x/no-restricted-paths'],
    ['renderer/features/notifications/Probe.tsx', "import { SettingsPage } from '../settings/SettingsPage';\nexport const probe = SettingsPage;\n", 'import-x/no-restricted-paths'],
    ['renderer/features/trends/Probe.tsx', "import { SettingsPage } from '../settings/SettingsPage';\nexport const probe = SettingsPage;\n", 'import-x/no-restricted-paths'],
    ['renderer/features/trends/Probe.tsx', "import { FirebreakDatabase } from '../../db/database';\nexport const probe = FirebreakDatabase;\n", 'import-x/no-restricted-paths'],
    ['renderer/components/Probe.tsx', "import { ipcRenderer } from 'electron';\nexport const probe = ipcRenderer;\n", 'no-restricted-imports'],
    ['renderer/state/probe.ts', "import { getDataEnvironment } from '../data/dataEnvironment';\nexport const probe = getDataEnvironment;\n", 'import-x/no-restricted-paths'],
    ['electron/main/probe.ts', "import { getDatabase } from '../../renderer/db/database';\nexport const probe = getDatabase;\n", 'import-x/no-restricted-paths'],
    ['electron/preload/probe.ts', "import { z } from 'zod';\nexport const probe = z;\n", 'no-restricted-imports'],
  ])('%s may not import what this probe imports', async (filePath, code, ruleId) => {
    expect(await ruleIdsFor(filePath, code)).toContain(ruleId);
  });

  it('allows the imports the guide allows', async () => {
    expect(await ruleIdsFor('shared/domain/probe.ts', "import { z } from 'zod';\nexport const probe = z;\n")).toEqual([]);
    expect(
      await ruleIdsFor('renderer/features/incidents/Probe.tsx', "import { useIncident } from '../../data/incidentQueries';\nexport const probe = useIncident;\n"),
    ).toEqual([]);
    expect(await ruleIdsFor('renderer/data/probe.ts', "import Dexie from 'dexie';\nexport const probe = Dexie;\n")).toEqual([]);
  });
});
