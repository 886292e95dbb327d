/**
 * Human incident references, e.g. INC-2026-K7QF-0042.
 *
 * Devices create incidents offline, so a reference cannot come from a central counter. It carries
 * the creating device's code (4 Crockford base-32 characters derived from the device id) and that
 * device's own sequence number, which is persisted and only ever grows. Two devices therefore
 * never produce the same reference unless they share a device code; the sync server (issue 3)
 * reserves device codes per team so that cannot happen among synced devices.
 */

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const referencePattern = /^INC-(\d{4})-([0-9A-HJKMNP-TV-Z]{4})-(\d{4,})$/;

export type IncidentReferenceParts = { year: number; deviceCode: string; sequence: number };

/** The 4-character device code: 20 bits taken from the hex digits of the device id. */
export function deviceCodeFromId(deviceId: string): string {
  const hex = deviceId.replace(/[^0-9a-f]/gi, '');
  if (hex.length < 5) throw new Error('A device id needs at least 5 hex digits');
  // The tail of a UUIDv7 is random; the head is a timestamp shared by devices set up the same ms.
  const bits = parseInt(hex.slice(-5), 16);
  let code = '';
  for (let shift = 15; shift >= 0; shift -= 5) code += crockford[(bits >> shift) & 31];
  return code;
}

export function formatIncidentReference(parts: IncidentReferenceParts): string {
  if (!Number.isInteger(parts.sequence) || parts.sequence < 1) {
    throw new Error(`A reference sequence is a whole number from 1, got ${parts.sequence}`);
  }
  if (!/^[0-9A-HJKMNP-TV-Z]{4}$/.test(parts.deviceCode)) {
    throw new Error(`Not a device code: "${parts.deviceCode}"`);
  }
  return `INC-${String(parts.year).padStart(4, '0')}-${parts.deviceCode}-${String(parts.sequence).padStart(4, '0')}`;
}

export function parseIncidentReference(reference: string): IncidentReferenceParts | null {
  const match = referencePattern.exec(reference);
  if (!match) return null;
  return { year: Number(match[1]), deviceCode: match[2]!, sequence: Number(match[3]) };
}
