/**
 * A chart as a PNG: the chart's SVG with its computed styles written inline (CSS variables and
 * theme colours do not exist inside an SVG drawn as an image), drawn on a canvas under its title
 * and above its legend (recharts draws the legend in HTML, not in the SVG).
 *
 * The SVG goes to the canvas through a data: URL, because the page's CSP allows images from 'self'
 * and data: only (not blob:); an SVG image without foreignObject leaves the canvas untainted.
 */

/** The presentation properties recharts' output depends on. */
const inlinedProperties = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
] as const;

function inlineStyles(source: Element, target: Element): void {
  const computed = getComputedStyle(source);
  const declarations = inlinedProperties.map((property) => `${property}:${computed.getPropertyValue(property)}`).join(';');
  target.setAttribute('style', declarations);
  const sourceChildren = source.children;
  const targetChildren = target.children;
  for (let index = 0; index < sourceChildren.length; index += 1) inlineStyles(sourceChildren[index]!, targetChildren[index]!);
}

function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

function loadImage(source: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('The chart could not be drawn as an image'));
    image.src = source;
  });
}

type LegendEntry = { label: string; colour: string };

function legendEntries(container: HTMLElement): LegendEntry[] {
  return [...container.querySelectorAll('.recharts-legend-item')].map((item) => {
    const mark = item.querySelector('path, line, rect');
    const style = mark ? getComputedStyle(mark) : null;
    const fill = style?.fill && style.fill !== 'none' ? style.fill : null;
    return { label: item.textContent?.trim() ?? '', colour: fill ?? style?.stroke ?? '#888' };
  });
}

/** The chart inside `container` (a recharts ResponsiveContainer's parent) as a PNG blob. */
export async function chartToPngBlob(container: HTMLElement, title: string): Promise<Blob> {
  const svg = container.querySelector<SVGSVGElement>('.recharts-wrapper > svg');
  if (!svg) throw new Error('There is no chart to export yet');
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const image = await loadImage(`data:image/svg+xml;base64,${toBase64(new XMLSerializer().serializeToString(clone))}`);

  const page = getComputedStyle(document.body);
  const font = page.fontFamily || 'sans-serif';
  const legend = legendEntries(container);
  const scale = 2;
  const titleHeight = 36;
  const legendLineHeight = 20;
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw images');
  context.font = `13px ${font}`;
  // Lay the legend out in rows that fit the chart's width.
  const rows: { entry: LegendEntry; x: number }[][] = [[]];
  let x = 16;
  for (const entry of legend) {
    const entryWidth = 22 + context.measureText(entry.label).width + 16;
    if (x + entryWidth > width && rows[rows.length - 1]!.length > 0) {
      rows.push([]);
      x = 16;
    }
    rows[rows.length - 1]!.push({ entry, x });
    x += entryWidth;
  }
  const legendHeight = legend.length === 0 ? 0 : rows.length * legendLineHeight + 8;
  // recharts keeps room for its HTML legend at the bottom of the SVG: draw the legend there.
  const legendBox = container.querySelector('.recharts-legend-wrapper')?.getBoundingClientRect();
  const legendTop = legendBox ? Math.max(0, legendBox.top - svg.getBoundingClientRect().top) : height;
  const totalHeight = titleHeight + Math.max(height, legendTop + legendHeight);
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(totalHeight * scale);
  context.scale(scale, scale);
  context.fillStyle = page.backgroundColor || '#ffffff';
  context.fillRect(0, 0, width, totalHeight);
  context.fillStyle = page.color || '#000000';
  context.font = `600 15px ${font}`;
  context.textBaseline = 'middle';
  context.fillText(title, 16, titleHeight / 2);
  context.drawImage(image, 0, titleHeight, width, height);
  context.font = `13px ${font}`;
  rows.forEach((row, rowIndex) => {
    const y = titleHeight + legendTop + 4 + rowIndex * legendLineHeight + legendLineHeight / 2;
    for (const { entry, x: left } of row) {
      context.fillStyle = entry.colour;
      context.fillRect(left, y - 5, 14, 10);
      context.fillStyle = page.color || '#000000';
      context.fillText(entry.label, left + 20, y);
    }
  });
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The image could not be encoded'))), 'image/png'));
}
