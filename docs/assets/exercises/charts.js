// Accessible SVG charts drawn from the engine's figures. Each has a title and a description, and the
// page also shows the same numbers as a table. Every segment carries its level in words or digits, so
// colour is never the only signal.

const SVG = "http://www.w3.org/2000/svg";

export function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

// One bar per row, split by how many gave each level.
//   levels: [{short, name}] (short is written in the segments, e.g. "0" or "N")
//   rows:   [{label, counts: [n per level], mark: level index to outline or null, note: text at the end}]
export function stackedBars({ id, title, description, levels, rows }) {
  const rowH = 30;
  const labelW = 260;
  const barW = 300;
  const width = labelW + barW + 110;
  const legendRows = Math.ceil(levels.length / 3);
  const top = 12 + legendRows * 22;
  const chart = svg("svg", { viewBox: `0 0 ${width} ${top + rows.length * rowH}`, class: "chart", role: "img",
    "aria-labelledby": `${id}-title ${id}-desc` });
  chart.append(svg("title", { id: `${id}-title` }, title), svg("desc", { id: `${id}-desc` }, description));
  levels.forEach((level, n) => {
    const x = (n % 3) * 220;
    const y = 4 + Math.floor(n / 3) * 22;
    chart.append(svg("rect", { x, y, width: 18, height: 18, class: `chart__level-${n}` }),
      svg("text", { x: x + 24, y: y + 14, class: "chart__text" }, `${level.short}: ${level.name}`));
  });
  rows.forEach((row, i) => {
    const y = top + i * rowH;
    const total = row.counts.reduce((a, b) => a + b, 0);
    chart.append(svg("text", { x: labelW - 8, y: y + 17, "text-anchor": "end", class: "chart__text" },
      row.label.length > 36 ? row.label.slice(0, 35) + "…" : row.label));
    let left = labelW;
    row.counts.forEach((count, level) => {
      if (!count) return;
      const w = (barW * count) / Math.max(total, 1);
      chart.append(svg("rect", { x: left, y: y + 2, width: w, height: rowH - 6,
        class: `chart__level-${level}${level === row.mark ? " chart__marked" : ""}` }));
      if (w >= 26) {
        chart.append(svg("text", { x: left + w / 2, y: y + 18, "text-anchor": "middle", class: "chart__in-bar" },
          `${levels[level].short}×${count}`));
      }
      left += w;
    });
    if (row.note) chart.append(svg("text", { x: labelW + barW + 8, y: y + 17, class: "chart__text" }, row.note));
  });
  return chart;
}
