/**
 * Devices: each device id belongs to one user and gets a 4-character Crockford base-32 code that
 * is unique on this server, so incident references created offline (INC-2026-K7QF-0042) never
 * collide among synced devices. The code derived from the device id is used when it is free (the
 * app already uses it locally), otherwise a random free one.
 */
import { randomInt } from 'node:crypto';
import { deviceCodeFromId } from '../../shared/domain/reference';
import { HttpError } from '../httpError';
import type { SqlExecutor } from '../storage/sqlDatabase';

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomDeviceCode(): string {
  let code = '';
  for (let index = 0; index < 4; index += 1) code += crockford[randomInt(32)];
  return code;
}

function preferredDeviceCode(deviceId: string): string | undefined {
  try {
    return deviceCodeFromId(deviceId);
  } catch {
    return undefined;
  }
}

/**
 * Registers `deviceId` for `userId` on first sight and returns its code. A device id that already
 * belongs to another user is refused with 403 (ids are not secrets, but one device's history must
 * not mix two people's accounts).
 */
export async function registerDevice(db: SqlExecutor, userId: string, deviceId: string, nowMs: number): Promise<string> {
  const preferred = preferredDeviceCode(deviceId);
  for (let attempt = 0; attempt < 64; attempt += 1) {
    const existing = await db.query<{ user_id: string; device_code: string }>('select user_id, device_code from devices where device_id = $1', [deviceId]);
    const device = existing.rows[0];
    if (device) {
      if (device.user_id !== userId) throw new HttpError(403, 'forbidden', 'This device is registered to another account. Sign in with that account, or reset the app’s data first.');
      return device.device_code;
    }
    const candidate = attempt === 0 && preferred ? preferred : randomDeviceCode();
    // `on conflict do nothing` covers both a taken code and a concurrent registration of the
    // same device id; either way the next round sees which.
    const inserted = await db.query<{ device_code: string }>(
      'insert into devices (device_id, device_code, user_id, first_seen_at) values ($1, $2, $3, to_timestamp($4 / 1000.0)) on conflict do nothing returning device_code',
      [deviceId, candidate, userId, nowMs],
    );
    if (inserted.rows[0]) return inserted.rows[0].device_code;
  }
  throw new HttpError(500, 'server-error', 'Could not find a free device code.');
}

export async function deviceCodeOf(db: SqlExecutor, deviceId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ device_code: string }>('select device_code from devices where device_id = $1', [deviceId]);
  return rows[0]?.device_code;
}
