// The view lives in the URL's hash, so a link opens the same view: #view=tables&schema=aligned&table=tracks
import type { Which } from './api';

export type View = 'tables' | 'sql' | 'report' | 'export';
export type ExportKind = 'json' | 'mermaid' | 'dbml' | 'dot' | 'svg' | 'markdown';

export interface UrlState {
  view: View;
  schema: Which;
  table: string | null;
  file: string | null;
  format: ExportKind;
  preset: string | null;
  /** The view was made from files the user opened, which a link cannot carry. */
  files: boolean;
}

export const VIEWS: View[] = ['tables', 'sql', 'report', 'export'];
export const WHICHES: Which[] = ['origin', 'current', 'aligned'];
export const EXPORTS: ExportKind[] = ['json', 'mermaid', 'dbml', 'dot', 'svg', 'markdown'];

const pick = <T extends string>(list: readonly T[], v: string | null, d: T): T => (v !== null && (list as readonly string[]).includes(v) ? (v as T) : d);

export function parse(hash: string): UrlState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  return {
    view: pick(VIEWS, p.get('view'), 'tables'),
    schema: pick(WHICHES, p.get('schema'), 'aligned'),
    table: p.get('table') || null,
    file: p.get('file') || null,
    format: pick(EXPORTS, p.get('format'), 'json'),
    preset: p.get('preset') || null,
    files: p.get('source') === 'files',
  };
}

export function format(s: UrlState): string {
  const p = new URLSearchParams();
  p.set('view', s.view);
  p.set('schema', s.schema);
  if (s.table) p.set('table', s.table);
  if (s.view === 'sql' && s.file) p.set('file', s.file);
  if (s.view === 'export') p.set('format', s.format);
  if (s.files) p.set('source', 'files');
  else if (s.preset) p.set('preset', s.preset);
  return `#${p.toString()}`;
}
