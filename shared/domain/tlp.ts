/** Traffic Light Protocol 2.0 markings, with the official colours (FIRST TLP 2.0 standard). */
import { z } from 'zod';

export const tlpMarkings = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export const tlpMarkingSchema = z.enum(tlpMarkings);
export type TlpMarking = z.infer<typeof tlpMarkingSchema>;

/** Foreground colour of the marking on a black background, as the standard specifies. */
export const tlpColours: Record<TlpMarking, string> = {
  CLEAR: '#FFFFFF',
  GREEN: '#33FF00',
  AMBER: '#FFC000',
  'AMBER+STRICT': '#FFC000',
  RED: '#FF2B2B',
};

export const tlpDescriptions: Record<TlpMarking, string> = {
  CLEAR: 'No limit on disclosure',
  GREEN: 'Limited to the community',
  AMBER: 'Limited to the organisation and its clients, need to know',
  'AMBER+STRICT': 'Limited to the organisation only, need to know',
  RED: 'For the named recipients only',
};

/** Markings whose content must be flagged on printouts and exports. */
export function isRestrictedTlp(marking: TlpMarking): boolean {
  return marking === 'RED' || marking === 'AMBER+STRICT';
}
