// Files the user picks or drops: folders are walked, `.sql` files are kept and sorted by
// name (lexical, by code point, as the CLI sorts a folder), JSON is read as text.
import type { SqlFile } from './api';

export interface Picked {
  files: File[];
  /** The folder they came from, when one was dropped or picked. */
  folder: string | null;
}

export function fromInput(input: HTMLInputElement): Picked {
  const files = [...(input.files ?? [])];
  const rel = files[0]?.webkitRelativePath;
  return { files, folder: rel ? rel.split('/')[0] : null };
}

type Entry = FileSystemEntry;

function readEntry(entry: Entry): Promise<File[]> {
  if (entry.isFile) {
    return new Promise((resolve, reject) => (entry as FileSystemFileEntry).file((f) => resolve([f]), reject));
  }
  if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    return new Promise((resolve, reject) => {
      const all: Entry[] = [];
      const next = () =>
        reader.readEntries(async (batch) => {
          if (batch.length) {
            all.push(...batch);
            next();
            return;
          }
          try {
            resolve((await Promise.all(all.map(readEntry))).flat());
          } catch (e) {
            reject(e);
          }
        }, reject);
      next();
    });
  }
  return Promise.resolve([]);
}

export async function fromDrop(dt: DataTransfer): Promise<Picked> {
  const items = [...dt.items].filter((i) => i.kind === 'file');
  const entries = items.map((i) => (typeof i.webkitGetAsEntry === 'function' ? i.webkitGetAsEntry() : null));
  if (entries.length && entries.every((e) => e)) {
    const folder = entries.length === 1 && entries[0]!.isDirectory ? entries[0]!.name : null;
    const files = (await Promise.all(entries.map((e) => readEntry(e!)))).flat();
    return { files, folder };
  }
  return { files: [...dt.files], folder: null };
}

export const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The `.sql` files, sorted by name; and the names of the others, left out. */
export async function sqlFiles(picked: Picked): Promise<{ files: SqlFile[]; ignored: string[] }> {
  const sql = picked.files.filter((f) => f.name.toLowerCase().endsWith('.sql')).sort(byName);
  const ignored = picked.files.filter((f) => !f.name.toLowerCase().endsWith('.sql')).map((f) => f.name);
  const files = await Promise.all(sql.map(async (f) => ({ name: f.name, sql: await f.text() })));
  return { files, ignored };
}
