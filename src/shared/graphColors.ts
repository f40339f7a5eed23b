// Colors of the call graph in each VS Code theme kind. pprof colors a node by its cum share and an
// edge by its weight share (dotgraph.go dotColor): grey near 0, red toward 100% (green for
// negative diffs), a light low-saturation fill with a dark saturated border. In the light theme
// these are pprof's exact colors; the dark and high-contrast themes keep the same hue and
// saturation ramp with values that stay legible on their backgrounds. Pure: shared by the webview
// and its tests.

/** The VS Code theme kinds a webview can be in (its body class: vscode-light, vscode-dark, ...). */
export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

/** Colors of one node: fill and border ("#rrggbb"); the text uses the theme's foreground. */
export interface NodeColors {
  fill: string;
  stroke: string;
}

// Saturation and value (HSV) of fills and of borders/edges, per theme. Light is pprof's.
const palette: Record<ThemeKind, { bg: [s: number, v: number]; fg: [s: number, v: number] }> = {
  light: { bg: [0.1, 0.93], fg: [1.0, 0.7] },
  dark: { bg: [0.45, 0.3], fg: [0.8, 0.8] },
  'high-contrast': { bg: [0.6, 0.18], fg: [1.0, 1.0] },
  'high-contrast-light': { bg: [0.08, 1.0], fg: [1.0, 0.45] },
};

/** themeKindOf reads the theme kind from the webview body's classes (VS Code sets exactly one). */
export function themeKindOf(classList: { contains(c: string): boolean }): ThemeKind {
  if (classList.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (classList.contains('vscode-high-contrast')) return 'high-contrast';
  if (classList.contains('vscode-dark')) return 'dark';
  return 'light';
}

/**
 * scoreColor is pprof's dotColor with the theme's saturation and value: score in [-1, 1]
 * (clamped), -1 green, 0 grey, 1 red. With the light palette it equals dotColor exactly.
 */
export function scoreColor(score: number, saturation: number, value: number): string {
  if (!Number.isFinite(score)) score = 0;
  score = Math.max(-1, Math.min(1, score));
  // Grey rather than yellow near 0.
  if (Math.abs(score) < 0.2) saturation *= Math.abs(score) / 0.2;
  // Shift scores away from 0 so that small shares still read as warm (pprof's shift of 0.7).
  if (score > 0) score = score === 1 ? 1 : Math.exp(0.3 * Math.log(score));
  if (score < 0) score = score === -1 ? -1 : -Math.exp(0.3 * Math.log(-score));
  let r: number;
  let g: number;
  if (score < 0) {
    g = value;
    r = value * (1 + saturation * score);
  } else {
    r = value;
    g = value * (1 - saturation * score);
  }
  const b = value * (1 - saturation);
  return '#' + [r, g, b].map((x) => Math.max(0, Math.min(255, Math.trunc(x * 255))).toString(16).padStart(2, '0')).join('');
}

/** nodeColors is the fill and border of a node with this cum share in this theme. */
export function nodeColors(score: number, theme: ThemeKind): NodeColors {
  const p = palette[theme];
  return { fill: scoreColor(score, p.bg[0], p.bg[1]), stroke: scoreColor(score, p.fg[0], p.fg[1]) };
}

/** edgeColor is the color of an edge with this weight share in this theme. */
export function edgeColor(score: number, theme: ThemeKind): string {
  const p = palette[theme];
  return scoreColor(score, p.fg[0], p.fg[1]);
}
