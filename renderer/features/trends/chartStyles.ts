/** Axis, grid and tooltip settings shared by the trend charts, in the app's theme variables. */
import type { CSSProperties } from 'react';
import { chartGridColour, chartTextColour } from './chartPalette';

export const axisTick = { fill: chartTextColour, fontSize: 12 };
export const gridProps = { stroke: chartGridColour, strokeDasharray: '3 3' };
export const tooltipContentStyle: CSSProperties = { background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 6, color: 'var(--text)' };
export const tooltipLabelStyle: CSSProperties = { color: 'var(--text)', fontWeight: 600 };
export const legendStyle: CSSProperties = { fontSize: 12, color: 'var(--text)' };
/** Margins that leave room for the rotated period labels of long ranges. */
export const chartMargin = { top: 8, right: 16, bottom: 8, left: 8 };
