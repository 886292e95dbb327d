/**
 * Series colours: CSS variables (styles.css, --chart-1..10) from the Okabe-Ito and Tol palettes,
 * told apart by people with the common colour-vision deficiencies, with a lighter set for the dark
 * theme. Colour never carries meaning alone: every series is named in the legend, the tooltip and
 * the data table, and lines also differ by dash.
 */
export const chartColourCount = 10;

export function chartColour(index: number): string {
  return `var(--chart-${(index % chartColourCount) + 1})`;
}

export const chartGridColour = 'var(--border)';
export const chartTextColour = 'var(--muted)';
/** The previous period: a faint neutral line, dashed. */
export const previousPeriodColour = 'var(--muted)';
