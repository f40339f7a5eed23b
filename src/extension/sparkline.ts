// Sparklines of per-snapshot values for hovers and tooltips: unicode blocks (text anywhere) and a
// small SVG image (a data: URI, which VS Code's Markdown renderer keeps for images). Pure.

const BLOCKS = '▁▂▃▄▅▆▇█';

/**
 * sparklineBlocks draws values as unicode blocks, lowest value ▁, highest █ (one character per
 * value). A series that does not vary is drawn at the bottom, so flat reads as flat.
 */
export function sparklineBlocks(values: readonly number[]): string {
  if (values.length === 0) return '';
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (max === min) return BLOCKS[0].repeat(values.length);
  return values.map((v) => BLOCKS[Math.round(((v - min) / (max - min)) * (BLOCKS.length - 1))]).join('');
}

/** Options of sparklineSvg. */
export interface SparklineSvgOptions {
  width?: number;
  height?: number;
  /** Stroke color (a CSS color: an image cannot read theme variables). */
  color?: string;
}

/**
 * sparklineSvg draws values as a polyline with a dot per snapshot, scaled from the series' min to
 * its max (a flat series is a line at mid height), inside a `width`×`height` SVG with a margin.
 * Returns the SVG markup; only numbers and the color (restricted to CSS color characters) go in.
 */
export function sparklineSvg(values: readonly number[], opts: SparklineSvgOptions = {}): string {
  const w = opts.width ?? 160;
  const h = opts.height ?? 36;
  const color = (opts.color ?? '#e5534b').replace(/[^#\w(),.% ]/g, '');
  const pad = 4;
  const n = values.length;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const x = (i: number) => (n <= 1 ? w / 2 : pad + (i * (w - 2 * pad)) / (n - 1));
  const y = (v: number) => (max === min ? h / 2 : h - pad - ((v - min) / (max - min)) * (h - 2 * pad));
  const pts = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  const dots = pts.map((p) => {
    const [cx, cy] = p.split(',');
    return `<circle cx="${cx}" cy="${cy}" r="2.2" fill="${color}"/>`;
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
    `<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#8888" stroke-width="1"/>` +
    (n > 1 ? `<polyline points="${pts.join(' ')}" fill="none" stroke="${color}" stroke-width="1.8" stroke-linejoin="round"/>` : '') +
    dots.join('') +
    '</svg>'
  );
}

/** A data: URI of SVG markup (base64, so Markdown link syntax cannot be broken by it). */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}
