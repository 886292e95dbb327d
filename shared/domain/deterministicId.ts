/**
 * Ids derived from text: equal texts give equal ids on every device, so two devices that record
 * the same fact (an exercise inject released, an imported record) write one row, not two.
 */

function mix32(value: number): number {
  let hash = value >>> 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x7feb352d);
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x846ca68b);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** A UUID in version 4 form whose bits come from the text: equal texts, equal ids. */
export function uuidFromText(source: string): string {
  const multipliers = [0x01000193, 0x5bd1e995, 0x27d4eb2d, 0x165667b1];
  const lanes = [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344];
  for (let index = 0; index < source.length; index += 1) {
    const code = source.charCodeAt(index);
    for (let lane = 0; lane < 4; lane += 1) lanes[lane] = Math.imul(lanes[lane]! ^ code, multipliers[lane]!) >>> 0;
  }
  const words = lanes.map((value, lane) => mix32(value ^ mix32(lanes[(lane + 1) % 4]! + source.length + lane)));
  const hex = words.map((word) => word.toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
