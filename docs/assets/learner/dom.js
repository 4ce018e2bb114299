// Building page elements from engine text: always textContent, never HTML.

export function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

// A copy of the items in a random order (Fisher-Yates), so that an order gives nothing away.
export function shuffle(items) {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// A table of figures for reading, not for layout: a caption, column headers, and rows whose first cell
// heads the row (so a screen reader says "Roof, Level: 2"). Every cell is text.
export function dataTable(caption, columns, rows, className) {
  const table = el("table", null, className);
  table.append(el("caption", caption));
  const head = el("tr");
  for (const name of columns) {
    const th = el("th", name);
    th.scope = "col";
    head.append(th);
  }
  const thead = el("thead");
  thead.append(head);
  const tbody = el("tbody");
  for (const [first, ...cells] of rows) {
    const row = el("tr");
    const th = el("th", String(first));
    th.scope = "row";
    row.append(th, ...cells.map((cell) => el("td", String(cell))));
    tbody.append(row);
  }
  table.append(thead, tbody);
  return table;
}
