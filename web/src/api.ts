// The only door to the wasm package: every call goes through `call`, which turns what the
// package throws into an Error that says which step failed. No logic of its own.
import init, * as os from 'origin-schema/web/origin_schema.js';
import wasmUrl from 'origin-schema/web/origin_schema_bg.wasm?url';

export type {
  Column,
  Decision,
  Divergence,
  ExportFormat,
  GeneratedFile,
  Input,
  Project,
  Report,
  Schema,
  SqlFile,
  SqlRead,
  Table,
  Which,
} from 'origin-schema/web/origin_schema.js';
import type { ExportFormat, GeneratedFile, Input, Project, Report, SqlFile, SqlRead, Which } from 'origin-schema/web/origin_schema.js';

/** The URL of the .wasm file the page loads (for the size shown in the footer). */
export const WASM_URL: string = wasmUrl;

export class PackageError extends Error {
  constructor(readonly step: string, cause: unknown) {
    super(`${step}: ${messageOf(cause)}`, { cause });
    this.name = 'PackageError';
  }
}

export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'string') return e;
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
}

function call<T>(step: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new PackageError(step, e);
  }
}

export async function ready(): Promise<void> {
  try {
    await init({ module_or_path: wasmUrl });
  } catch (e) {
    throw new PackageError('Loading the wasm package', e);
  }
}

export const presets = (): string[] => call('Listing the presets', () => os.presets());
export const loadSpec = (text: string): Project => call('Reading the project bundle', () => os.loadSpec(text));
export const readSql = (what: string, files: SqlFile[]): SqlRead => call(`Reading the SQL of ${what}`, () => os.readSql(files));
export const reportJson = (input: Input): Report => call('Building the report', () => os.report(input, 'json') as Report);
export const reportMarkdown = (input: Input): string => call('Building the Markdown report', () => os.report(input, 'markdown') as string);
export const genSql = (input: Input): GeneratedFile[] => call('Generating the SQL', () => os.genSql(input));
export const exportSchema = (input: Input, which: Which, format: ExportFormat): string =>
  call(`Exporting ${which} as ${format}`, () => os.exportSchema(input, which, format));
