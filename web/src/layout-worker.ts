// Graphviz (dot, via @viz-js/viz) in a worker: the layout never blocks the page. Gets a DOT
// graph whose nodes are fixed-size boxes with one port per row; returns each node's box and
// each edge's Bézier path, in the diagram's coordinates (y down).
import { instance, type Viz } from '@viz-js/viz';

export interface LayoutRequest {
  id: number;
  dot: string;
}
export interface LayoutNode {
  name: string;
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface LayoutEdge {
  tail: string;
  head: string;
  path: string;
  arrow: string;
}
export type LayoutReply =
  | { id: number; ok: true; width: number; height: number; nodes: LayoutNode[]; edges: LayoutEdge[]; ms: number }
  | { id: number; ok: false; error: string };

interface GvOp {
  op: string;
  points?: [number, number][];
}
interface GvObject {
  _gvid: number;
  name: string;
  pos?: string;
  width?: string;
  height?: string;
}
interface GvEdge {
  tail: number;
  head: number;
  _draw_?: GvOp[];
  _hdraw_?: GvOp[];
  _tdraw_?: GvOp[];
}
interface GvGraph {
  bb: string;
  objects?: GvObject[];
  edges?: GvEdge[];
}

let viz: Promise<Viz> | undefined;
const getViz = () => (viz ??= instance());

const r1 = (n: number) => Math.round(n * 10) / 10;

function layout(json: GvGraph) {
  const [, , bw, bh] = json.bb.split(',').map(Number);
  const flip = (p: [number, number]): [number, number] => [r1(p[0]), r1(bh - p[1])];
  const names = new Map<number, string>();
  const nodes: LayoutNode[] = [];
  for (const o of json.objects ?? []) {
    names.set(o._gvid, o.name);
    if (!o.pos) continue;
    const [cx, cy] = o.pos.split(',').map(Number);
    const w = Number(o.width) * 72;
    const h = Number(o.height) * 72;
    nodes.push({ name: o.name, x: r1(cx - w / 2), y: r1(bh - cy - h / 2), w: r1(w), h: r1(h) });
  }
  const edges: LayoutEdge[] = [];
  for (const e of json.edges ?? []) {
    let path = '';
    for (const op of e._draw_ ?? []) {
      if (op.op !== 'b' || !op.points?.length) continue;
      const [p0, ...rest] = op.points.map(flip);
      path += `M${p0[0]},${p0[1]}`;
      for (let i = 0; i + 2 < rest.length; i += 3) path += `C${rest[i].join(',')} ${rest[i + 1].join(',')} ${rest[i + 2].join(',')}`;
    }
    let arrow = '';
    for (const op of [...(e._hdraw_ ?? []), ...(e._tdraw_ ?? [])]) {
      if ((op.op === 'P' || op.op === 'p') && op.points) arrow = op.points.map((p) => flip(p).join(',')).join(' ');
    }
    edges.push({ tail: names.get(e.tail) ?? '', head: names.get(e.head) ?? '', path, arrow });
  }
  return { width: r1(bw), height: r1(bh), nodes, edges };
}

self.onmessage = async (event: MessageEvent<LayoutRequest>) => {
  const { id, dot } = event.data;
  const start = performance.now();
  let reply: LayoutReply;
  try {
    const v = await getViz();
    const result = v.renderJSON(dot) as unknown as GvGraph;
    reply = { id, ok: true, ...layout(result), ms: Math.round(performance.now() - start) };
  } catch (e) {
    reply = { id, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  (self as unknown as Worker).postMessage(reply);
};

// Start Graphviz while the page loads its data.
getViz().catch(() => undefined);
