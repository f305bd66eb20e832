import type { TopLevelSpec } from 'vega-lite';

/**
 * The SVG of a vega-lite spec: compiled to vega, rendered headless (`renderer: 'none'`, no canvas).
 * vega and vega-lite are ES modules and vega-lite's graph has a top-level await, so `require()`
 * cannot load them: TypeScript leaves these `import()` calls to Node in a CommonJS file.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vegaLite, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
