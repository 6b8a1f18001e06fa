// The table list: a listbox that only renders the rows in sight, so 300 or 3,000 tables
// scroll the same. Arrow keys move, Enter or a click selects, Home/End jump.
import { CATEGORY, type TableView } from './model';
import { h } from './dom';

const ROW_H = 30;

export class TableList {
  private items: TableView[] = [];
  private active = 0;
  private selected: string | null = null;
  private spacer = h('div', { class: 'spacer' });
  private rendered = new Map<number, HTMLElement>();
  private frame = 0;

  constructor(
    private box: HTMLElement,
    private onSelect: (table: string) => void,
  ) {
    box.append(this.spacer);
    box.addEventListener('scroll', () => this.schedule());
    new ResizeObserver(() => this.schedule()).observe(box);
    box.addEventListener('keydown', (e) => this.key(e));
    box.addEventListener('click', (e) => {
      const row = (e.target as Element).closest<HTMLElement>('[role=option]');
      if (!row) return;
      this.active = Number(row.dataset.index);
      this.onSelect(this.items[this.active].name);
    });
  }

  set(items: TableView[], selected: string | null): void {
    this.items = items;
    this.selected = selected;
    const i = items.findIndex((t) => t.name === selected);
    this.active = i >= 0 ? i : Math.min(this.active, Math.max(0, items.length - 1));
    this.spacer.style.height = `${items.length * ROW_H}px`;
    for (const el of this.rendered.values()) el.remove();
    this.rendered.clear();
    this.render();
  }

  select(name: string | null, reveal: boolean): void {
    this.selected = name;
    const i = this.items.findIndex((t) => t.name === name);
    if (i >= 0) {
      this.active = i;
      if (reveal) this.reveal(i);
    }
    for (const el of this.rendered.values()) el.setAttribute('aria-selected', String(el.dataset.name === name));
    this.render();
  }

  private reveal(i: number): void {
    const top = i * ROW_H;
    if (top < this.box.scrollTop) this.box.scrollTop = top;
    else if (top + ROW_H > this.box.scrollTop + this.box.clientHeight) this.box.scrollTop = top + ROW_H - this.box.clientHeight;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const first = Math.max(0, Math.floor(this.box.scrollTop / ROW_H) - 5);
    const last = Math.min(this.items.length, Math.ceil((this.box.scrollTop + (this.box.clientHeight || 600)) / ROW_H) + 5);
    for (const [i, el] of this.rendered) {
      if (i < first || i >= last) {
        el.remove();
        this.rendered.delete(i);
      }
    }
    for (let i = first; i < last; i++) {
      let el = this.rendered.get(i);
      if (!el) {
        el = this.row(i);
        this.rendered.set(i, el);
        this.box.append(el);
      }
      el.classList.toggle('active', i === this.active);
    }
    const active = this.rendered.get(this.active);
    if (active && this.items.length) this.box.setAttribute('aria-activedescendant', active.id);
    else this.box.removeAttribute('aria-activedescendant');
  }

  private row(i: number): HTMLElement {
    const t = this.items[i];
    const cat = t.category;
    const counts = t.divergences ? h('span', { class: 'count', title: `${t.divergences} divergences` }, String(t.divergences)) : null;
    const el = h(
      'div',
      {
        role: 'option',
        id: `table-option-${i}`,
        class: `option${cat ? ` t-${cat}` : ''}`,
        'data-index': i,
        'data-name': t.name,
        'aria-selected': String(t.name === this.selected),
        'aria-setsize': this.items.length,
        'aria-posinset': i + 1,
        title: cat ? `${t.name}: ${CATEGORY[cat].label}` : t.name,
      },
      h('span', { class: 'dot', 'aria-hidden': 'true' }, cat ? CATEGORY[cat].mark : ''),
      h('span', { class: 'name' }, t.name),
      cat ? h('span', { class: 'sr-only' }, ` (${CATEGORY[cat].label})`) : null,
      counts,
    );
    el.style.top = `${i * ROW_H}px`;
    return el;
  }

  private key(e: KeyboardEvent): void {
    if (!this.items.length) return;
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, Home: -Infinity, End: Infinity };
    if (e.key in moves) {
      e.preventDefault();
      this.active = Math.max(0, Math.min(this.items.length - 1, this.active + moves[e.key]));
      this.reveal(this.active);
      this.render();
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.onSelect(this.items[this.active].name);
    }
  }
}
