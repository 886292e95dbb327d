/** Incident kinds and the category taxonomy of each kind. */
import { z } from 'zod';

export const incidentKinds = ['security', 'service'] as const;
export const incidentKindSchema = z.enum(incidentKinds);
export type IncidentKind = z.infer<typeof incidentKindSchema>;

export const incidentKindLabels: Record<IncidentKind, string> = {
  security: 'Security',
  service: 'Service',
};

export const securityCategories = [
  'malware',
  'ransomware',
  'phishing',
  'account_compromise',
  'data_breach',
  'denial_of_service',
  'insider_misuse',
  'vulnerability_exploitation',
  'lost_or_stolen_device',
  'other',
] as const;

export const serviceCategories = [
  'outage',
  'degradation',
  'data_corruption',
  'hardware',
  'software',
  'network',
  'capacity',
  'supplier',
] as const;

export const incidentCategories = [...securityCategories, ...serviceCategories] as const;
export const incidentCategorySchema = z.enum(incidentCategories);
export type IncidentCategory = z.infer<typeof incidentCategorySchema>;

export const categoriesByKind: Record<IncidentKind, readonly IncidentCategory[]> = {
  security: securityCategories,
  service: serviceCategories,
};

export const incidentCategoryLabels: Record<IncidentCategory, string> = {
  malware: 'Malware',
  ransomware: 'Ransomware',
  phishing: 'Phishing',
  account_compromise: 'Account compromise',
  data_breach: 'Data breach',
  denial_of_service: 'Denial of service',
  insider_misuse: 'Insider misuse',
  vulnerability_exploitation: 'Vulnerability exploitation',
  lost_or_stolen_device: 'Lost or stolen device',
  other: 'Other',
  outage: 'Outage',
  degradation: 'Degradation',
  data_corruption: 'Data corruption',
  hardware: 'Hardware',
  software: 'Software',
  network: 'Network',
  capacity: 'Capacity',
  supplier: 'Supplier',
};

export function isCategoryOfKind(kind: IncidentKind, category: IncidentCategory): boolean {
  return categoriesByKind[kind].includes(category);
}
