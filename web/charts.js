// Hand-written SVG charts: horizontal bars for breakdowns and ladders, lines for trends. Values are minor
// units as decimal strings; they are scaled as Numbers only for drawing (a pixel needs no cents).

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * bars: [{ label, values: [minor, ...] }], series: [{ name, color }]. One row per bar, the series side by side.
 * onSelect(index) makes a bar clickable (drill-down).
 */
export function barChart({ bars, series, format, onSelect, width = 640 }) {
  const rowHeight = 14 * series.length + 10;
  const labelWidth = 180;
  const height = bars.length * rowHeight + 30;
  const max = Math.max(1, ...bars.flatMap((bar) => bar.values.map(Number)));
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", class: "chart" });
  bars.forEach((bar, index) => {
    const y = index * rowHeight + 4;
    const group = svg("g", { class: onSelect ? "bar selectable" : "bar", "data-index": index });
    if (onSelect) group.addEventListener("click", () => onSelect(index));
    group.append(
      svg(
        "text",
        { x: labelWidth - 6, y: y + rowHeight / 2, "text-anchor": "end", "dominant-baseline": "middle" },
        truncate(bar.label, 26)
      )
    );
    series.forEach((serie, s) => {
      const length = (Number(bar.values[s]) / max) * (width - labelWidth - 90);
      const barY = y + s * 14;
      group.append(
        svg("rect", { x: labelWidth, y: barY, width: Math.max(length, 0.5), height: 12, fill: serie.color })
      );
      group.append(svg("text", { x: labelWidth + length + 4, y: barY + 10, class: "value" }, format(bar.values[s])));
    });
    chart.append(group);
  });
  chart.append(legend(series, 0, height - 14));
  return chart;
}

/** points: [{ x: label, values: [minor, ...] }]; one polyline per series. */
export function lineChart({ points, series, format, width = 640, height = 220 }) {
  const margin = { left: 90, right: 10, top: 10, bottom: 40 };
  const max = Math.max(1, ...points.flatMap((point) => point.values.map(Number)));
  const x = (index) => margin.left + (index / Math.max(points.length - 1, 1)) * (width - margin.left - margin.right);
  const y = (value) => height - margin.bottom - (Number(value) / max) * (height - margin.top - margin.bottom);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", class: "chart" });
  chart.append(svg("line", { x1: margin.left, y1: y(0), x2: width - margin.right, y2: y(0), class: "axis" }));
  chart.append(
    svg("text", { x: margin.left - 4, y: y(max), "text-anchor": "end", class: "value" }, format(String(max)))
  );
  chart.append(svg("text", { x: margin.left - 4, y: y(0), "text-anchor": "end", class: "value" }, "0"));
  if (points.length > 0) {
    chart.append(svg("text", { x: x(0), y: height - margin.bottom + 14, class: "value" }, points[0].x));
    chart.append(
      svg(
        "text",
        { x: x(points.length - 1), y: height - margin.bottom + 14, "text-anchor": "end", class: "value" },
        points.at(-1).x
      )
    );
  }
  series.forEach((serie, s) => {
    const path = points.map((point, index) => `${x(index).toFixed(1)},${y(point.values[s]).toFixed(1)}`).join(" ");
    chart.append(svg("polyline", { points: path, fill: "none", stroke: serie.color, "stroke-width": 2 }));
  });
  chart.append(legend(series, margin.left, height - 12));
  return chart;
}

function legend(series, x, y) {
  const group = svg("g", { class: "legend" });
  series.forEach((serie, index) => {
    group.append(svg("rect", { x: x + index * 110, y: y - 9, width: 10, height: 10, fill: serie.color }));
    group.append(svg("text", { x: x + index * 110 + 14, y }, serie.name));
  });
  return group;
}

function truncate(text, length) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
