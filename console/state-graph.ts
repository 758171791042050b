/**
 * The state machine drawn as SVG: dagre lays the graph out top to bottom, each state a box named as in
 * the ASL with its type beneath; the path the execution took is drawn in blue, a failed state in red,
 * the state an execution is still in in amber, and a Catch (the way taken on an error) dashed. Each
 * state is a button: clicking it (or Enter) selects it.
 */
import { graphlib, layout } from '@dagrejs/dagre';
import {
  END,
  layoutEdges,
  type MachineEdge,
  type MachineNode,
  type PathTaken,
  START,
  stepKey,
} from './asl.ts';
import { s } from './dom.ts';
import { t } from './i18n.ts';

const NAME_FONT = '600 13px system-ui, "Noto Sans CJK SC", sans-serif';
const NODE_HEIGHT = 44;
const MARKER_SIZE = 26;

let measureContext: CanvasRenderingContext2D | null | undefined;
function textWidth(text: string, font: string): number {
  measureContext ??= document.createElement('canvas').getContext('2d');
  if (!measureContext) return text.length * 8;
  measureContext.font = font;
  return measureContext.measureText(text).width;
}

const isMarker = (id: string) => id === START || id === END;

function markerLabel(id: string): string {
  return id === START ? t('execution.start') : t('execution.end');
}

function nodeSize(node: MachineNode): { width: number; height: number } {
  if (isMarker(node.id))
    return { width: Math.max(56, textWidth(markerLabel(node.id), NAME_FONT) + 24), height: MARKER_SIZE };
  return { width: Math.max(96, Math.ceil(textWidth(node.id, NAME_FONT)) + 28), height: NODE_HEIGHT };
}

/** A smooth line through dagre's points: straight ends, quadratic bends between. */
function pathThrough(points: { x: number; y: number }[]): string {
  if (points.length < 2) return '';
  const [p0, ...rest] = points;
  let d = `M${p0!.x},${p0!.y}`;
  for (let i = 0; i < rest.length - 1; i++) {
    const p = rest[i]!;
    const q = rest[i + 1]!;
    d += ` Q${p.x},${p.y} ${(p.x + q.x) / 2},${(p.y + q.y) / 2}`;
  }
  const last = rest.at(-1)!;
  return `${d} L${last.x},${last.y}`;
}

function arrowHead(id: string, cls: string): SVGMarkerElement {
  return s(
    'marker',
    {
      id,
      viewBox: '0 0 10 10',
      refX: 9,
      refY: 5,
      markerWidth: 7,
      markerHeight: 7,
      orient: 'auto-start-reverse',
    },
    s('path', { d: 'M0,0 L10,5 L0,10 z', class: cls }),
  );
}

export interface StateGraph {
  svg: SVGSVGElement;
  /** Marks `name` selected (or none). */
  select(name: string | undefined): void;
}

export function stateGraph(
  nodes: MachineNode[],
  edges: MachineEdge[],
  path: PathTaken,
  onSelect: (name: string) => void,
): StateGraph {
  const { laidOut, aside } = layoutEdges(nodes, edges, path.steps);
  const g = new graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 22, ranksep: 30, edgesep: 10, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) g.setNode(node.id, nodeSize(node));
  // The path taken weighs more, so dagre keeps it straight and the way a case went reads top to bottom.
  for (const e of laidOut) g.setEdge(e.from, e.to, { weight: path.steps.has(stepKey(e.from, e.to)) ? 4 : 1 });
  layout(g);
  const { width = 0, height = 0 } = g.graph();

  const edgeLayer = s('g', { class: 'edges' });
  for (const e of laidOut) {
    const taken = path.steps.has(stepKey(e.from, e.to));
    edgeLayer.append(
      s('path', {
        d: pathThrough(g.edge(e.from, e.to).points ?? []),
        class: `edge edge-${e.kind}${taken ? ' taken' : ''}`,
        'marker-end': `url(#arrow${taken ? '-taken' : ''})`,
      }),
    );
  }
  // The selected state's Catch arrows that were left out of the layout: a curve from box to box.
  const asideLayer = s('g', { class: 'edges aside' });
  const box = (id: string) => g.node(id) as { x: number; y: number; width: number; height: number };
  const drawAside = (name: string | undefined) => {
    asideLayer.replaceChildren();
    for (const e of aside.filter((x) => x.from === name)) {
      const a = box(e.from);
      const b = box(e.to);
      const down = b.y >= a.y;
      const y1 = a.y + (down ? a.height / 2 : -a.height / 2);
      const y2 = b.y + (down ? -b.height / 2 : b.height / 2);
      const bend = Math.max(40, Math.abs(y2 - y1) / 2) * (down ? 1 : -1);
      asideLayer.append(
        s('path', {
          d: `M${a.x},${y1} C${a.x},${y1 + bend} ${b.x},${y2 - bend} ${b.x},${y2}`,
          class: 'edge edge-catch',
          'marker-end': 'url(#arrow)',
        }),
      );
    }
  };

  const groups = new Map<string, SVGGElement>();
  const nodeLayer = s('g', { class: 'nodes' });
  for (const node of nodes) {
    const { x = 0, y = 0, width: w = 0, height: hgt = 0 } = g.node(node.id);
    const left = x - w / 2;
    const top = y - hgt / 2;
    if (isMarker(node.id)) {
      const reached =
        node.id === START ? path.visited.length > 0 : [...path.steps].some((k) => k.endsWith(`\u0001${END}`));
      nodeLayer.append(
        s(
          'g',
          { class: `marker-node${reached ? ' visited' : ''}` },
          s('rect', { x: left, y: top, width: w, height: hgt, rx: hgt / 2, class: 'pill' }),
          s('text', { x, y: y + 4, 'text-anchor': 'middle', class: 'pill-text' }, markerLabel(node.id)),
        ),
      );
      continue;
    }
    const state = [
      'state',
      path.visited.includes(node.id) ? 'visited' : 'unvisited',
      path.failed.has(node.id) ? 'failed' : '',
      path.current === node.id ? 'current' : '',
    ]
      .filter(Boolean)
      .join(' ');
    const group = s(
      'g',
      {
        class: state,
        'data-state': node.id,
        role: 'button',
        tabindex: 0,
        'aria-label': `${node.id} (${node.type})`,
        'aria-pressed': 'false',
        onclick: () => onSelect(node.id),
        onkeydown: (event: Event) => {
          const key = (event as KeyboardEvent).key;
          if (key === 'Enter' || key === ' ') {
            event.preventDefault();
            onSelect(node.id);
          }
        },
      },
      s('title', null, `${node.id} · ${node.type}`),
      s('rect', { x: left, y: top, width: w, height: hgt, rx: 8, class: 'box' }),
      s('text', { x, y: y - 2, 'text-anchor': 'middle', class: 'state-name' }, node.id),
      s('text', { x, y: y + 14, 'text-anchor': 'middle', class: 'state-type' }, node.type),
    );
    groups.set(node.id, group);
    nodeLayer.append(group);
  }

  const svg = s(
    'svg',
    {
      class: 'machine',
      viewBox: `0 0 ${Math.ceil(width)} ${Math.ceil(height)}`,
      width: Math.ceil(width),
      height: Math.ceil(height),
      role: 'group',
      'aria-label': t('execution.graph'),
    },
    s('defs', null, arrowHead('arrow', 'arrow'), arrowHead('arrow-taken', 'arrow taken')),
    edgeLayer,
    asideLayer,
    nodeLayer,
  );
  return {
    svg,
    select(name) {
      drawAside(name);
      for (const [id, group] of groups) {
        group.classList.toggle('selected', id === name);
        group.setAttribute('aria-pressed', String(id === name));
      }
    },
  };
}
