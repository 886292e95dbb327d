/** Local settings records: team policy (matrix, targets) and display preferences. */
import { z } from 'zod';
import { defaultEscalationRuleSet, escalationRuleSetSchema } from './escalation';
import { priorityMatrixSchema, serviceTargetsSchema, defaultPriorityMatrix, defaultServiceTargets } from './priority';
import { routingRuleSetSchema, type RoutingRuleSet } from './routing';
import { defaultServiceLevelCalendars, serviceLevelCalendarsSchema } from './serviceLevel';

export const displayPreferencesSchema = z.strictObject({
  timeZone: z.enum(['local', 'utc']),
  theme: z.enum(['system', 'light', 'dark']),
});
export type DisplayPreferences = z.infer<typeof displayPreferencesSchema>;
export const defaultDisplayPreferences: DisplayPreferences = { timeZone: 'local', theme: 'system' };

/** Each setting is one row keyed by name, so each syncs and merges on its own. */
export const settingSchemas = {
  priorityMatrix: priorityMatrixSchema,
  serviceTargets: serviceTargetsSchema,
  displayPreferences: displayPreferencesSchema,
  /** Team policy owned by leads: where new and re-categorised incidents go. */
  routingRules: routingRuleSetSchema,
  /** Working-hours calendars per incident kind and the warning threshold of the SLA clocks. */
  serviceLevelCalendars: serviceLevelCalendarsSchema,
  /** Team policy owned by leads: automatic escalation on SLA thresholds and missing acknowledgement. */
  escalationRules: escalationRuleSetSchema,
} as const;
export type SettingKey = keyof typeof settingSchemas;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingSchemas)[K]>;

export const settingDefaults: { [K in SettingKey]: SettingValue<K> } = {
  priorityMatrix: defaultPriorityMatrix,
  serviceTargets: defaultServiceTargets,
  displayPreferences: defaultDisplayPreferences,
  routingRules: { rules: [], updatedAt: '1970-01-01T00:00:00.000Z' } satisfies RoutingRuleSet,
  serviceLevelCalendars: defaultServiceLevelCalendars,
  escalationRules: defaultEscalationRuleSet,
};
