// The ER diagram: tables as boxes (one row per column), foreign keys as edges, laid out by
// Graphviz in a worker (layout-worker.ts) and drawn here as SVG. Pan with the mouse or the
// arrow keys, zoom with the wheel or +/-, 0 fits.
import { CATEGORY, type Category, type SchemaView, type TableView } from './model';
import type { LayoutReply, LayoutRequest } from './layout-worker';
import { esc } from './dom';

const HEAD = 30;
const ROW = 20;
const PAD = 10;
const MARK = 16;
const MAX_ROWS = 24;
const MIN_W = 170;
const MAX_W = 380;
const MONO = '12px ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace';
const SANS = '600 13px system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';

export interface Drawn {
  tables: number;
  edges: number;
  layoutMs: number;
  drawMs: number;
}

interface Box {
  table: TableView;
  id: string;
  w: number;
  rows: { name: string; type: string; pk: boolean; fk: boolean; cat?: Category }[];
  more: number;
  port: Map<string, string>;
}

let measureCtx: CanvasRenderingContext2D | null = null;
function textWidth(text: string, font: string): number {
  measureCtx ??= document.createElement('canvas').getContext('2d');
  if (!measureCtx) return text.length * 7.5;
  measureCtx.font = font;
  return measureCtx.measureText(text).width;
}

function clip(text: string, font: string, max: number): string {
  if (textWidth(text, font) <= max) return text;
  let s = text;
  while (s.length > 1 && textWidth(`${s}…`, font) > max) s = s.slice(0, -1);
  return `${s}…`;
}

function boxes(view: SchemaView): Box[] {
  const monoChar = textWidth('m'.repeat(20), MONO) / 20;
  return view.tables.map((table, i) => {
    const fkCols = new Set(table.fks.flatMap((fk) => fk.columns));
    const shown = table.columns.length > MAX_ROWS ? MAX_ROWS - 1 : table.columns.length;
    const rows = table.columns.slice(0, shown).map(([name, c]) => ({
      name,
      type: c.type,
      pk: table.pk.has(name),
      fk: fkCols.has(name),
      cat: table.columnCategory.get(name),
    }));
    const port = new Map<string, string>();
    rows.forEach((r, k) => port.set(r.name, `p${k}`));
    const badgeW = [...table.badges.values()].reduce((a, n) => a + 22 + String(n).length * 7, 0);
    const head = textWidth(table.name, SANS) + badgeW + 2 * PAD + 4;
    const widest = rows.reduce((m, r) => Math.max(m, (r.name.length + r.type.length + 2) * monoChar), 0);
    const w = Math.round(Math.min(MAX_W, Math.max(MIN_W, head, widest + MARK + 2 * PAD)));
    return { table, id: `n${i}`, w, rows, more: table.columns.length - shown, port };
  });
}

function heightOf(b: Box): number {
  return HEAD + (b.rows.length + (b.more ? 1 : 0)) * ROW + (b.rows.length ? 4 : 0);
}

/** The DOT graph: no user text in it, only ids, ports and sizes. */
function toDot(view: SchemaView, list: Box[]): string {
  const byName = new Map(list.map((b) => [b.table.name, b]));
  const lines = [
    'digraph ER {',
    'graph [rankdir=LR, nodesep=0.25, ranksep=0.8, splines=true, pad=0.2];',
    'node [shape=plain];',
    'edge [dir=back, arrowtail=normal, arrowsize=0.8];',
  ];
  for (const b of list) {
    const cell = (port: string, h: number) => `<TR><TD PORT="${port}" FIXEDSIZE="TRUE" WIDTH="${b.w}" HEIGHT="${h}"></TD></TR>`;
    const rows = b.rows.map((_, k) => cell(`p${k}`, ROW)).join('') + (b.more ? cell('more', ROW) : '');
    const tail = b.rows.length ? cell('end', 4) : '';
    lines.push(`${b.id} [label=<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">${cell('h', HEAD)}${rows}${tail}</TABLE>>];`);
  }
  for (const b of list) {
    for (const fk of b.table.fks) {
      const parent = byName.get(fk.table);
      if (!parent) continue;
      const from = parent.port.get(fk.refColumns[0]) ?? 'h';
      const to = b.port.get(fk.columns[0]) ?? (b.more ? 'more' : 'h');
      const self = parent === b;
      lines.push(`${parent.id}:${from}:e -> ${b.id}:${to}:${self ? 'e' : 'w'};`);
    }
  }
  lines.push('}');
  void view;
  return lines.join('\n');
}

const STYLE = `
.er { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
.er .edge { fill: none; stroke: #7b8494; stroke-width: 1.3; }
.er .arrow { fill: #7b8494; }
.er .edge.hl { stroke: #0b3d91; stroke-width: 2.6; }
.er .arrow.hl { fill: #0b3d91; }
.er .box { fill: #fff; stroke: #8d96a5; stroke-width: 1.2; }
.er .head { fill: #e8ebf0; }
.er .tname { font-weight: 600; font-size: 13px; fill: #111827; }
.er .col, .er .type, .er .mark, .er .more { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12px; }
.er .col { fill: #111827; }
.er .col.pk { font-weight: 700; }
.er .type { fill: #5b6472; }
.er .more { fill: #5b6472; font-style: italic; }
.er .mark { font-weight: 700; }
.er .badge rect { stroke: none; }
.er .badge text { font-size: 11px; font-weight: 700; fill: #fff; }
.er .node { cursor: pointer; }
.er .node:hover .box { stroke: #374151; }
.er .node.selected .box { stroke: #0b3d91; stroke-width: 3.5; }
.er .dim { opacity: 0.22; }
.er.far .row text, .er.far .more { display: none; }
${(Object.keys(CATEGORY) as Category[])
  .map((c) => `.er .cat-${c} .bg { fill: var(--${c}-bg); } .er .cat-${c} .mark { fill: var(--${c}); } .er .node.t-${c} .box { stroke: var(--${c}); stroke-width: 2.4; } .er .node.t-${c} .head { fill: var(--${c}-bg); } .er .b-${c} rect { fill: var(--${c}); }`)
  .join('\n')}
.er .node.t-missing .box { stroke-dasharray: 6 3; }
.er { --added: #1a7f37; --added-bg: #dcf3e3; --missing: #b35900; --missing-bg: #fdebd3; --legacy: #57606a; --legacy-bg: #e7e9ec;
  --renamed: #0a5bd3; --renamed-bg: #dde9fc; --converted: #8032c9; --converted-bg: #efe2fb; --unresolved: #c5221f; --unresolved-bg: #fde1df; }
`;

function nodeSvg(b: Box, x: number, y: number, h: number): string {
  const t = b.table;
  const parts: string[] = [];
  const cls = `node${t.category ? ` t-${t.category}` : ''}`;
  parts.push(`<g class="${cls}" data-table="${esc(t.name)}" transform="translate(${x},${y})">`);
  parts.push(`<title>${esc(t.name)}${t.category ? ` (${CATEGORY[t.category].label})` : ''}: ${t.columns.length} columns, ${t.divergences} divergences</title>`);
  parts.push(`<rect class="box" width="${b.w}" height="${h}" rx="4"/>`);
  parts.push(`<path class="head" d="M1,${HEAD}V5a4,4 0 0 1 4,-4H${b.w - 5}a4,4 0 0 1 4,4V${HEAD}Z"/>`);
  let bx = b.w - PAD;
  const badges: string[] = [];
  for (const [cat, n] of [...t.badges.entries()].reverse()) {
    const label = `${CATEGORY[cat].mark}${n}`;
    const w = 10 + label.length * 7;
    bx -= w;
    badges.push(`<g class="badge b-${cat}"><title>${n} ${CATEGORY[cat].label} (index, constraint, trigger or a column not in this schema)</title><rect x="${bx}" y="8" width="${w}" height="15" rx="7"/><text x="${bx + w / 2}" y="19.5" text-anchor="middle">${esc(label)}</text></g>`);
    bx -= 4;
  }
  parts.push(`<text class="tname" x="${PAD}" y="20">${esc(clip(t.name, SANS, bx - PAD - 4))}</text>`, ...badges);
  b.rows.forEach((r, k) => {
    const ry = HEAD + k * ROW;
    const rc = r.cat ? ` cat-${r.cat}` : '';
    const mark = r.cat ? CATEGORY[r.cat].mark : r.pk ? '#' : r.fk ? '→' : '';
    const typeMax = b.w - 2 * PAD - MARK - textWidth(r.name, MONO) - 8;
    parts.push(
      `<g class="row${rc}">${r.cat ? `<rect class="bg" x="1" y="${ry}" width="${b.w - 2}" height="${ROW}"/>` : ''}` +
        `<text class="mark" x="${PAD - 2}" y="${ry + 14.5}">${esc(mark)}</text>` +
        `<text class="col${r.pk ? ' pk' : ''}" x="${PAD + MARK - 4}" y="${ry + 14.5}">${esc(clip(r.name, MONO, b.w - 2 * PAD - MARK - 20))}</text>` +
        (typeMax > 20 ? `<text class="type" x="${b.w - PAD}" y="${ry + 14.5}" text-anchor="end">${esc(clip(r.type, MONO, typeMax))}</text>` : '') +
        `</g>`,
    );
  });
  if (b.more) parts.push(`<text class="more" x="${PAD + MARK - 4}" y="${HEAD + b.rows.length * ROW + 14.5}">… ${b.more} more columns</text>`);
  parts.push('</g>');
  return parts.join('');
}

interface ViewBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Layout {
  width: number;
  height: number;
  rects: Map<string, Rect>;
  links: Map<string, Set<string>>;
  svg: string;
  layoutMs: number;
  tables: number;
  edges: number;
}

export class Diagram {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, { resolve: (r: LayoutReply) => void; reject: (e: Error) => void }>();
  private cache = new Map<string, Promise<Layout>>();
  private svg: SVGSVGElement | null = null;
  private nodes = new Map<string, SVGGElement>();
  private vb: ViewBox = { x: 0, y: 0, w: 1, h: 1 };
  private full = { w: 1, h: 1 };
  private selected: string | null = null;
  private shownKey = '';
  private rects = new Map<string, Rect>();
  private links = new Map<string, Set<string>>();
  private needsFit = false;

  constructor(
    private host: HTMLElement,
    private onSelect: (table: string) => void,
  ) {
    this.worker = new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<LayoutReply>) => {
      const p = this.pending.get(e.data.id);
      if (!p) return;
      this.pending.delete(e.data.id);
      p.resolve(e.data);
    };
    this.worker.onerror = (e) => {
      const err = new Error(`The layout worker failed: ${e.message || 'it could not start'}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    this.bindInput();
  }

  private request(dot: string): Promise<LayoutReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, dot } satisfies LayoutRequest);
    });
  }

  /** Lays out (once per key) and builds the SVG text of a schema view. */
  layout(key: string, view: SchemaView): Promise<Layout> {
    let p = this.cache.get(key);
    if (!p) {
      p = this.compute(view);
      this.cache.set(key, p);
      p.catch(() => this.cache.delete(key));
    }
    return p;
  }

  private async compute(view: SchemaView): Promise<Layout> {
    const list = boxes(view);
    if (!list.length) return { width: 400, height: 120, rects: new Map(), links: new Map(), svg: '', layoutMs: 0, tables: 0, edges: 0 };
    const reply = await this.request(toDot(view, list));
    if (!reply.ok) throw new Error(`Laying out the diagram: ${reply.error}`);
    const pos = new Map(reply.nodes.map((n) => [n.name, n]));
    const byId = new Map(list.map((b) => [b.id, b]));
    const edges = reply.edges
      .map((e) => {
        const from = byId.get(e.tail)?.table.name ?? '';
        const to = byId.get(e.head)?.table.name ?? '';
        const data = `data-from="${esc(from)}" data-to="${esc(to)}"`;
        return `<path class="edge" ${data} d="${e.path}"/>` + (e.arrow ? `<polygon class="arrow" ${data} points="${e.arrow}"/>` : '');
      })
      .join('');
    const nodes = list
      .map((b) => {
        const p = pos.get(b.id);
        return p ? nodeSvg(b, p.x, p.y, heightOf(b)) : '';
      })
      .join('');
    const svg = `<style>${STYLE}</style><g class="edges">${edges}</g><g class="nodes">${nodes}</g>`;
    const rects = new Map<string, Rect>();
    for (const b of list) {
      const p = pos.get(b.id);
      if (p) rects.set(b.table.name, { x: p.x, y: p.y, w: b.w, h: heightOf(b) });
    }
    const links = new Map<string, Set<string>>();
    const link = (a: string, b: string) => {
      if (!links.has(a)) links.set(a, new Set());
      links.get(a)!.add(b);
    };
    for (const b of list) {
      for (const fk of b.table.fks) {
        if (!rects.has(fk.table)) continue;
        link(b.table.name, fk.table);
        link(fk.table, b.table.name);
      }
    }
    return { width: reply.width, height: reply.height, rects, links, svg, layoutMs: reply.ms, tables: list.length, edges: reply.edges.length };
  }

  /** Shows a schema view; resolves once the SVG is in the page and painted. */
  async show(key: string, view: SchemaView, label: string, isCurrent: () => boolean): Promise<Drawn> {
    const layout = await this.layout(key, view);
    const start = performance.now();
    if (isCurrent() && this.shownKey !== key) {
      this.shownKey = key;
      if (!layout.tables) {
        this.host.innerHTML = '';
        const p = document.createElement('p');
        p.className = 'empty';
        p.textContent = 'This schema has no tables.';
        this.host.append(p);
        this.svg = null;
        this.nodes.clear();
      } else {
        const svg = `<svg xmlns="http://www.w3.org/2000/svg" class="er" role="img" aria-label="${esc(label)}" viewBox="0 0 ${layout.width} ${layout.height}" preserveAspectRatio="xMidYMid meet">${layout.svg}</svg>`;
        this.host.innerHTML = svg;
        this.svg = this.host.querySelector('svg');
        this.nodes = new Map([...this.host.querySelectorAll<SVGGElement>('g.node')].map((g) => [g.dataset.table ?? '', g]));
        this.full = { w: layout.width, h: layout.height };
        this.rects = layout.rects;
        this.links = layout.links;
        this.fit();
        const sel = this.selected;
        this.selected = null;
        if (sel) this.select(sel, false);
      }
    }
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return { tables: layout.tables, edges: layout.edges, layoutMs: layout.layoutMs, drawMs: Math.round(performance.now() - start) };
  }

  select(table: string | null, center: boolean): void {
    if (this.selected === table && !center) return;
    if (this.selected) {
      this.nodes.get(this.selected)?.classList.remove('selected');
      this.svg?.querySelectorAll('.hl').forEach((e) => e.classList.remove('hl'));
    }
    this.selected = table;
    if (!table || !this.svg) return;
    const node = this.nodes.get(table);
    if (!node) return;
    node.classList.add('selected');
    node.parentNode?.appendChild(node); // on top
    for (const e of this.svg.querySelectorAll<SVGElement>('.edge, .arrow')) {
      if (e.dataset.from === table || e.dataset.to === table) e.classList.add('hl');
    }
    if (center) this.reveal(table);
  }

  /**
   * Brings a table into view when it is out of sight or too small to read: fits it with
   * the tables its foreign keys link, or, when they are too many, centres it.
   */
  private reveal(table: string): void {
    const r = this.rects.get(table);
    if (!r) return;
    const vb = this.vb;
    const inside = r.x >= vb.x && r.y >= vb.y && r.x + r.w <= vb.x + vb.w && r.y + r.h <= vb.y + vb.h;
    const scale = this.scale();
    if (inside && scale >= 0.5) return;
    const { width, height } = this.host.getBoundingClientRect();
    if (!width || !height) return;
    const group = [r, ...[...(this.links.get(table) ?? [])].map((t) => this.rects.get(t)!).filter(Boolean)];
    const m = 24;
    const x0 = Math.min(...group.map((g) => g.x)) - m;
    const y0 = Math.min(...group.map((g) => g.y)) - m;
    const x1 = Math.max(...group.map((g) => g.x + g.w)) + m;
    const y1 = Math.max(...group.map((g) => g.y + g.h)) + m;
    const fits = Math.min(width / (x1 - x0), height / (y1 - y0), 1);
    if (fits >= 0.55) {
      const w = width / fits;
      const h = height / fits;
      this.setView({ x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - h / 2, w, h });
      return;
    }
    const want = 0.8;
    const w = width / want;
    const h = height / want;
    // The top of a tall table stays in sight.
    const cy = r.h > h * 0.9 ? r.y + h / 2 - m : r.y + r.h / 2;
    this.setView({ x: r.x + r.w / 2 - w / 2, y: cy - h / 2, w, h });
  }

  filter(match: (name: string) => boolean, active: boolean): void {
    for (const [name, g] of this.nodes) g.classList.toggle('dim', active && !match(name));
  }

  /** The drawn diagram as a standalone SVG file (the whole diagram, not the visible part). */
  exportSvg(): string | null {
    if (!this.svg) return null;
    const clone = this.svg.cloneNode(true) as SVGSVGElement;
    clone.setAttribute('viewBox', `0 0 ${this.full.w} ${this.full.h}`);
    clone.setAttribute('width', String(Math.ceil(this.full.w)));
    clone.setAttribute('height', String(Math.ceil(this.full.h)));
    clone.classList.remove('far');
    clone.querySelectorAll('.dim').forEach((e) => e.classList.remove('dim'));
    const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    bg.setAttribute('width', '100%');
    bg.setAttribute('height', '100%');
    bg.setAttribute('fill', '#ffffff');
    clone.insertBefore(bg, clone.querySelector('g.edges'));
    return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
  }

  // ---- pan and zoom ----

  private scale(): number {
    const { width } = this.host.getBoundingClientRect();
    return width / this.vb.w || 1;
  }

  private setView(vb: ViewBox): void {
    if (!this.svg) return;
    const { width, height } = this.host.getBoundingClientRect();
    if (!width || !height) return;
    // Keep the aspect of the host so `scale` is one number.
    const scale = Math.min(Math.max(width / vb.w, 0.02), 4);
    const w = width / scale;
    const h = height / scale;
    const cx = vb.x + vb.w / 2;
    const cy = vb.y + vb.h / 2;
    this.vb = { x: cx - w / 2, y: cy - h / 2, w, h };
    this.svg.setAttribute('viewBox', `${this.vb.x} ${this.vb.y} ${this.vb.w} ${this.vb.h}`);
    this.svg.classList.toggle('far', scale < 0.3);
  }

  fit(): void {
    const { width, height } = this.host.getBoundingClientRect();
    this.needsFit = !width || !height;
    if (this.needsFit) return;
    const m = 20;
    const scale = Math.min(width / (this.full.w + 2 * m), height / (this.full.h + 2 * m), 1.2);
    this.setView({ x: this.full.w / 2 - width / scale / 2, y: this.full.h / 2 - height / scale / 2, w: width / scale, h: height / scale });
  }

  zoom(factor: number, px?: number, py?: number): void {
    const { width, height, left, top } = this.host.getBoundingClientRect();
    const fx = px === undefined ? 0.5 : (px - left) / width;
    const fy = py === undefined ? 0.5 : (py - top) / height;
    const ax = this.vb.x + fx * this.vb.w;
    const ay = this.vb.y + fy * this.vb.h;
    const w = this.vb.w / factor;
    const h = this.vb.h / factor;
    this.setView({ x: ax - fx * w, y: ay - fy * h, w, h });
  }

  pan(dx: number, dy: number): void {
    this.setView({ ...this.vb, x: this.vb.x + dx * this.vb.w, y: this.vb.y + dy * this.vb.h });
  }

  private bindInput(): void {
    const host = this.host;
    host.addEventListener(
      'wheel',
      (e) => {
        if (!this.svg) return;
        e.preventDefault();
        this.zoom(Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015)), e.clientX, e.clientY);
      },
      { passive: false },
    );
    let drag: { x: number; y: number; vb: ViewBox; moved: boolean; id: number } | null = null;
    host.addEventListener('pointerdown', (e) => {
      if (!this.svg || e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY, vb: { ...this.vb }, moved: false, id: e.pointerId };
    });
    host.addEventListener('pointermove', (e) => {
      if (!drag || e.pointerId !== drag.id) return;
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      if (!drag.moved) host.setPointerCapture(e.pointerId);
      drag.moved = true;
      host.classList.add('dragging');
      const s = this.scale();
      this.setView({ ...drag.vb, x: drag.vb.x - dx / s, y: drag.vb.y - dy / s });
    });
    const end = (e: PointerEvent) => {
      if (!drag || e.pointerId !== drag.id) return;
      const moved = drag.moved;
      drag = null;
      host.classList.remove('dragging');
      if (moved) return;
      const node = (e.target as Element | null)?.closest?.('g.node') as SVGGElement | null;
      if (node?.dataset.table) this.onSelect(node.dataset.table);
    };
    host.addEventListener('pointerup', end);
    host.addEventListener('pointercancel', () => {
      drag = null;
      host.classList.remove('dragging');
    });
    host.addEventListener('keydown', (e) => {
      const keys: Record<string, () => void> = {
        ArrowLeft: () => this.pan(-0.1, 0),
        ArrowRight: () => this.pan(0.1, 0),
        ArrowUp: () => this.pan(0, -0.1),
        ArrowDown: () => this.pan(0, 0.1),
        '+': () => this.zoom(1.25),
        '=': () => this.zoom(1.25),
        '-': () => this.zoom(0.8),
        '0': () => this.fit(),
      };
      const f = keys[e.key];
      if (f && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        f();
      }
    });
    // Resizes are handled on the next frame, not inside the observer's callback.
    let frame = 0;
    new ResizeObserver(() => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        if (!this.svg) return;
        if (this.needsFit) {
          this.fit();
          if (this.selected) this.reveal(this.selected);
        } else this.setView(this.vb);
      });
    }).observe(host);
  }
}
