// The only door to the wasm package: every call goes through `call`, which turns what the
// package throws into an Error that says which step failed. No logic of its own.
//
// A load is one `Analysis` (the package analyses the project once; the report, the
// schemas, the files and the exports are its answers). A panic in the package restarts
// its instance, and an Analysis made before is then invalid: `Project` makes its
// Analysis again from the same input, once, at its next question.
import init, * as os from 'origin-schema/web/origin_schema.js';
import wasmUrl from 'origin-schema/web/origin_schema_bg.wasm?url';

export type {
  ActionKind,
  Column,
  Constraint,
  Conventions,
  Decision,
  Divergence,
  ExportFormat,
  FromPreset,
  GeneratedFile,
  Held,
  Index,
  IndexKey,
  Input,
  Project as ProjectData,
  QualifiedName,
  Report,
  Schema,
  SchemaWhich,
  Sequence,
  SqlFile,
  SqlWarning,
  Subject,
  Table,
  Trigger,
} from 'origin-schema/web/origin_schema.js';
import type {
  Divergence,
  ExportFormat,
  ExportWhich,
  FromPreset,
  GeneratedFile,
  Input,
  Project as ProjectData,
  Report,
  Schema,
  SchemaWhich,
  SqlWarning,
} from 'origin-schema/web/origin_schema.js';

/** Origin, the current schema or the end state. */
export type Which = SchemaWhich;

/** The URL of the .wasm file the page loads (for the size shown in the footer). */
export const WASM_URL: string = wasmUrl;

export class PackageError extends Error {
  constructor(
    readonly step: string,
    cause: unknown,
  ) {
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

/** For people and tests: how many analyses the package made, and how many panics
 * restarted its instance. */
export const stats = { analyses: 0, restarts: 0 };

function call<T>(step: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (/^origin-schema panicked/.test(messageOf(e))) stats.restarts++;
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

/** For the tests (window.explorer): the package panics on purpose; its instance restarts
 * at the next call, and each Project makes its Analysis again. */
export const panicForTests = (message: string): void => call('Panicking on purpose', () => os.__panicForTests(message));

export const presets = (): string[] => call('Listing the presets', () => os.presets());
export const loadSpec = (text: string): ProjectData => call('Reading the project bundle', () => os.loadSpec(text));

/** One project, analysed once by the package (`new Analysis(input)`); every view asks it. */
export class Project {
  private analysis: os.Analysis;
  private made: number;
  /** The name file headers give the project. */
  readonly name: string;
  /** The preset named beside the files, and the parts it supplied. */
  readonly fromPreset: FromPreset | undefined;
  /** What the SQL reader could not model, file by file. */
  readonly warnings: SqlWarning[];

  constructor(readonly input: Input) {
    this.analysis = this.analyse();
    this.made = stats.restarts;
    this.name = this.ask('Reading the project', (a) => a.name);
    this.fromPreset = this.ask('Reading the project', (a) => a.fromPreset);
    this.warnings = this.ask('Reading the SQL warnings', (a) => a.warnings);
  }

  private analyse(): os.Analysis {
    stats.analyses++;
    return call('Analysing the project', () => new os.Analysis(this.input));
  }

  private ask<T>(step: string, f: (a: os.Analysis) => T): T {
    if (this.made !== stats.restarts) {
      // The package restarted since: the old Analysis is gone with its instance.
      this.analysis = this.analyse();
      this.made = stats.restarts;
    }
    return call(step, () => f(this.analysis));
  }

  report = (): Report => this.ask('Building the report', (a) => a.report('json'));
  markdown = (): string => this.ask('Building the Markdown report', (a) => a.report('markdown'));
  schema = (which: SchemaWhich): Schema => this.ask(`Reading ${which}`, (a) => a.schema(which));
  divergences = (): Divergence[] => this.ask('Listing the divergences', (a) => a.divergences());
  files = (): GeneratedFile[] => this.ask('Generating the SQL', (a) => a.files());
  export = (which: ExportWhich, format: ExportFormat): string =>
    this.ask(`Exporting ${which} as ${format}`, (a) => a.export(which, format));

  /** Frees the package's memory for it now (rather than when it is collected). */
  dispose(): void {
    this.analysis.free();
  }
}
