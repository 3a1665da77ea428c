// The table view and CSV download every chart has. A cell is a plain value, or { suppressed: true } for a count
// withheld as a small cell, which shows as "suppressed" and never as zero. data-value holds the value as the API
// gave it (or as summed here), so a check can compare the page with the API without parsing localised numbers.

const SUPPRESSED = 'suppressed';

export const suppressed = Object.freeze({ suppressed: true });

function raw(value) {
  if (value?.suppressed) return SUPPRESSED;
  return value === null || value === undefined ? '' : String(value);
}

function shown(value, column, t, lang) {
  if (value?.suppressed) return t.suppressed;
  if (value === null || value === undefined || value === '') return '–';
  switch (column.kind) {
    case 'int': return new Intl.NumberFormat(lang).format(Number(value));
    case 'money': return new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(value));
    case 'share': return new Intl.NumberFormat(lang, { maximumFractionDigits: 3 }).format(Number(value));
    default: return String(value);
  }
}

/** A table: { id, caption, columns: [{ key, label, kind }], rows: [{ key: value }] }. */
export function renderTable(table, t, lang) {
  const element = document.createElement('table');
  element.dataset.table = table.id;
  const caption = element.createCaption();
  caption.textContent = table.caption;
  const head = element.createTHead().insertRow();
  for (const column of table.columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = column.label;
    if (column.kind && column.kind !== 'text') th.className = 'num';
    head.append(th);
  }
  const body = element.createTBody();
  for (const row of table.rows) {
    const tr = body.insertRow();
    for (const column of table.columns) {
      const td = tr.insertCell();
      const value = row[column.key];
      td.dataset.value = raw(value);
      td.textContent = shown(value, column, t, lang);
      if (value?.suppressed) td.className = 'suppressed';
      else if (column.kind && column.kind !== 'text') td.className = 'num';
    }
  }
  if (table.rows.length === 0) {
    const cell = element.createTFoot().insertRow().insertCell();
    cell.colSpan = table.columns.length;
    cell.textContent = t.none;
  }
  return element;
}

function csvField(text) {
  return /[",\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The table as CSV (RFC 4180, comma-separated, values as the API gives them; suppressed cells say so). */
export function toCsv(table, t) {
  const lines = [table.columns.map((c) => csvField(c.label)).join(',')];
  for (const row of table.rows) {
    lines.push(table.columns.map((c) => csvField(row[c.key]?.suppressed ? t.suppressed : raw(row[c.key]))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function downloadCsv(table, t) {
  const url = URL.createObjectURL(new Blob([toCsv(table, t)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${table.id}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
