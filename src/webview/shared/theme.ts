// Colours come only from the workbench theme's --vscode-* variables, resolved to concrete values at render time
// (charts interpolate between them, and exported files must not depend on the page's variables). Charts are
// re-drawn when the theme changes (VS Code swaps the body class and the variables).

const read = (name: string): string => getComputedStyle(document.body).getPropertyValue(`--vscode-${name}`).trim();

/** The first of the named theme variables that is set; `fallback` only when the theme sets none of them. */
export function themeColor(names: readonly string[], fallback = 'gray'): string {
  for (const n of names) {
    const v = read(n);
    if (v !== '') return v;
  }
  return fallback;
}

export interface ChartTheme {
  readonly foreground: string;
  readonly muted: string;
  readonly background: string;
  readonly grid: string;
  readonly human: string;
  /** Series colours for methods, in order. */
  readonly series: readonly string[];
  /** Diverging scale ends and middle (negative, zero, positive). */
  readonly negative: string;
  readonly positive: string;
  readonly warning: string;
}

export function chartTheme(): ChartTheme {
  return {
    foreground: themeColor(['editor-foreground', 'foreground']),
    muted: themeColor(['descriptionForeground', 'disabledForeground']),
    background: themeColor(['editor-background', 'panel-background']),
    grid: themeColor(['editorWidget-border', 'panel-border', 'contrastBorder']),
    human: themeColor(['charts-foreground', 'editor-foreground', 'foreground']),
    series: [
      themeColor(['charts-blue']), themeColor(['charts-orange']), themeColor(['charts-green']),
      themeColor(['charts-purple']), themeColor(['charts-yellow']), themeColor(['charts-red']),
    ],
    negative: themeColor(['charts-blue']),
    positive: themeColor(['charts-red']),
    warning: themeColor(['editorWarning-foreground', 'charts-yellow']),
  };
}

/** Calls `redraw` when VS Code switches the theme (body class or inline variables change). */
export function onThemeChange(redraw: () => void): void {
  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      redraw();
    });
  }).observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
}
