import { api, download, el, money, requireRole, signOut, table } from "./api.js";
import { barChart, lineChart } from "./charts.js";

const organisation = requireRole("regulator");
const DIMENSIONS = {
  bank: "Bank",
  debtor: "Debtor",
  supplier: "Supplier and tier",
  guarantor: "Guarantor",
  region: "Region",
  industry: "Industry",
};
const FIGURES = ["outstanding", "financed", "overdue", "defaulted", "covered"];
const COLORS = {
  outstanding: "#1f6feb",
  financed: "#2f855a",
  overdue: "#b7791f",
  defaulted: "#c53030",
  covered: "#6b46c1",
};
const state = { by: "bank", filters: {}, drill: null, cursor: null };
const $ = (id) => document.getElementById(id);

function query(extra = {}) {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...state.filters, ...extra }))
    if (value !== "" && value !== undefined && value !== null) parameters.set(name, value);
  const text = parameters.toString();
  return text ? `?${text}` : "";
}

function show(error) {
  $("error").textContent = error ? error.message : "";
}

async function loadFilterOptions() {
  const [banks, debtors, regions, industries] = await Promise.all(
    ["bank", "debtor", "region", "industry"].map((by) => api(`/v1/exposure/breakdown?by=${by}`))
  );
  const fill = (select, rows, label) => {
    for (const row of rows) if (row.key) select.append(el("option", { value: row.key }, label(row)));
  };
  fill($("filter-bank"), banks.rows, (row) => row.name ?? row.key);
  fill($("filter-debtor"), debtors.rows, (row) => row.name ?? row.key);
  fill($("filter-region"), regions.rows, (row) => row.key);
  fill($("filter-industry"), industries.rows, (row) => row.key);
  for (const row of banks.rows) if (row.key) $("known-banks").append(el("option", { value: row.key }, row.name));
  for (const row of debtors.rows) $("known-debtors").append(el("option", { value: row.key }, row.name));
}

async function loadSummary() {
  const summary = await api(`/v1/exposure/summary${query()}`);
  $("as-of").textContent = `(overdue as of ${summary.asOf})`;
  $("summary").replaceChildren(
    ...[...FIGURES, "parts"].map((figure) =>
      el(
        "div",
        { class: "card", "data-figure": figure },
        el("div", { class: "label" }, figure),
        el("div", { class: "figure" }, figure === "parts" ? summary.parts : money(summary[figure]))
      )
    )
  );
}

function labelOf(row) {
  const name = row.name ?? row.key ?? (state.by === "bank" ? "not financed" : "unknown");
  return row.tier ? `${name} (tier ${row.tier})` : name;
}

async function loadBreakdown() {
  $("breakdown-tabs").replaceChildren(
    ...Object.entries(DIMENSIONS).map(([by, label]) =>
      el(
        "button",
        {
          type: "button",
          id: `by-${by}`,
          "aria-pressed": String(by === state.by),
          onclick: () => {
            state.by = by;
            loadBreakdown().catch(show);
          },
        },
        label
      )
    )
  );
  const view = await api(`/v1/exposure/breakdown${query({ by: state.by })}`);
  const rows = view.rows.slice(0, 15);
  $("breakdown-chart").replaceChildren(
    barChart({
      bars: rows.map((row) => ({
        label: labelOf(row),
        values: ["outstanding", "financed", "overdue"].map((figure) => row[figure]),
      })),
      series: ["outstanding", "financed", "overdue"].map((name) => ({ name, color: COLORS[name] })),
      format: money,
      onSelect: (index) => drillDown(rows[index]),
    })
  );
  $("breakdown-table").replaceChildren(
    table(
      [DIMENSIONS[state.by], ...FIGURES, "parts"],
      view.rows.map((row) =>
        el(
          "tr",
          { class: "selectable", "data-key": row.key ?? "", onclick: () => drillDown(row) },
          el("td", {}, labelOf(row)),
          FIGURES.map((figure) => el("td", { class: "num" }, money(row[figure]))),
          el("td", { class: "num" }, row.parts)
        )
      )
    )
  );
}

/** From a breakdown row to the vouchers behind it: the row's key becomes one more filter of the positions. */
function drillDown(row) {
  const key = row.key;
  const filterOf = {
    bank: key ? { bankId: key } : null,
    debtor: { debtorId: key },
    supplier: key ? { supplierId: key, tier: row.tier } : null,
    guarantor: { guarantorId: key },
    region: key ? { region: key } : null,
    industry: key ? { industry: key } : null,
  }[state.by];
  if (!filterOf) return;
  state.drill = filterOf;
  state.cursor = null;
  $("drilldown-title").textContent = labelOf(row);
  $("drilldown").hidden = false;
  $("positions-table").replaceChildren();
  loadPositions().catch(show);
}

async function loadPositions() {
  const page = await api(`/v1/exposure/positions${query({ ...state.drill, cursor: state.cursor ?? undefined })}`);
  let body = $("positions-table").querySelector("tbody");
  if (!body) {
    $("positions-table").replaceChildren(
      table(["part", "voucher", "tier", "debtor", "supplier", "bank", "amount", "financed", "maturity", "status"], [])
    );
    body = $("positions-table").querySelector("tbody");
  }
  for (const item of page.items) {
    body.append(
      el(
        "tr",
        { class: "selectable", "data-part": item.partId, onclick: () => showLineage(item.partId).catch(show) },
        el("td", {}, item.partId),
        el("td", {}, item.voucherId),
        el("td", {}, item.tier),
        el("td", {}, item.debtorName ?? item.debtorId),
        el("td", {}, item.supplierName ?? ""),
        el("td", {}, item.bankName ?? ""),
        el("td", { class: "num" }, money(item.amount)),
        el("td", { class: "num" }, money(item.financed)),
        el("td", {}, item.maturity.slice(0, 10)),
        el("td", {}, item.voucherStatus)
      )
    );
  }
  state.cursor = page.nextCursor;
  $("more-positions").hidden = page.nextCursor === null;
}

async function showLineage(partId) {
  const view = await api(`/v1/exposure/parts/${partId}`);
  $("lineage").hidden = false;
  $("lineage-title").textContent = `${partId} (voucher ${view.voucher.voucherId}, face value ${money(
    view.voucher.faceValue
  )}, ${view.voucher.status})`;
  const line = (part, current) =>
    el(
      "span",
      { class: current ? "current" : "" },
      `part ${part.partId} · tier ${part.tier} · ${money(part.amount)} · ${part.status} · holder ${
        part.holderOrganisationId ?? part.holderAddress
      }`
    );
  const tree = (nodes) =>
    el(
      "ul",
      {},
      nodes.map((node) => el("li", {}, line(node, false), node.children.length ? tree(node.children) : null))
    );
  let branch = el("li", {}, line(view.part, true), view.children.length ? tree(view.children) : null);
  for (const ancestor of [...view.ancestors].reverse())
    branch = el("li", {}, line(ancestor, false), el("ul", {}, branch));
  const financing = view.position?.bankId
    ? el("p", {}, `Financed by ${view.position.bankName ?? view.position.bankId}: ${money(view.position.financed)}`)
    : null;
  $("lineage-body").replaceChildren(el("ul", {}, branch), financing);
  $("lineage").scrollIntoView({ block: "nearest" });
}

async function loadLadder() {
  const buckets = await api(`/v1/exposure/maturity-ladder${query()}`);
  $("ladder").replaceChildren(
    barChart({
      bars: buckets.map((bucket) => ({
        label: bucket.bucket === "overdue" || bucket.bucket === "defaulted" ? bucket.bucket : `${bucket.bucket} days`,
        values: [bucket.outstanding, bucket.financed],
      })),
      series: [
        { name: "outstanding", color: COLORS.outstanding },
        { name: "financed", color: COLORS.financed },
      ],
      format: money,
      width: 560,
    })
  );
}

async function loadTrends() {
  const points = await api("/v1/exposure/trends?days=90");
  $("trends").replaceChildren(
    lineChart({
      points: points.map((point) => ({ x: point.day, values: [point.outstanding, point.financed, point.issued] })),
      series: [
        { name: "outstanding", color: COLORS.outstanding },
        { name: "financed/day", color: COLORS.financed },
        { name: "issued/day", color: "#718096" },
      ],
      format: money,
      width: 560,
    })
  );
}

async function loadConcentration() {
  const rows = await api(`/v1/exposure/concentration${query()}`);
  $("concentration").replaceChildren(
    rows.length === 0
      ? el("p", { class: "muted" }, "No bank has financed anything yet.")
      : table(
          ["bank", "financed", "debtors", "top-10 share", "HHI"],
          rows.map((row) =>
            el(
              "tr",
              {},
              el("td", {}, row.bankName ?? row.bankId),
              el("td", { class: "num" }, money(row.financed)),
              el("td", { class: "num" }, row.debtors),
              el("td", { class: "num" }, `${(row.top10Share * 100).toFixed(1)}%`),
              el("td", { class: "num" }, row.hhi.toFixed(0))
            )
          )
        )
  );
}

async function loadRules() {
  const [limits, guarantors, alerts, duplicates] = await Promise.all([
    api(`/v1/exposure/limits${query({ region: undefined, industry: undefined })}`),
    api("/v1/exposure/guarantors"),
    api("/v1/exposure/alerts"),
    api("/v1/exposure/duplicate-attempts"),
  ]);
  const percent = (value) => (value === null ? "n/a" : `${(value * 100).toFixed(1)}%`);
  $("limits").replaceChildren(
    table(
      ["bank", "debtor", "limit", "exposure", "used", "level"],
      limits.map((row) =>
        el(
          "tr",
          {},
          el("td", {}, row.bankName ?? row.bankId),
          el("td", {}, row.debtorName ?? row.debtorId),
          el("td", { class: "num" }, `${money(row.limit)}${row.override ? "" : " (default)"}`),
          el("td", { class: "num" }, money(row.exposure)),
          el("td", { class: "num" }, percent(row.utilisation)),
          el("td", { class: `level-${row.level}` }, row.level)
        )
      )
    )
  );
  $("guarantors").replaceChildren(
    table(
      ["guarantor", "capacity", "used", "cover on live parts", "used %"],
      guarantors.map((row) =>
        el(
          "tr",
          {},
          el("td", {}, row.guarantorName ?? row.guarantorId),
          el("td", { class: "num" }, money(row.capacity)),
          el("td", { class: "num" }, money(row.used)),
          el("td", { class: "num" }, money(row.covered)),
          el("td", { class: "num" }, percent(row.utilisation))
        )
      )
    )
  );
  $("alerts").replaceChildren(
    alerts.length === 0
      ? el("p", { class: "muted" }, "No limit or capacity is used at 80% or more.")
      : el(
          "ul",
          {},
          alerts.map((alert) => el("li", { class: `level-${alert.level}` }, `${alert.level}: ${alert.subject}`))
        )
  );
  $("duplicates").replaceChildren(
    el("p", {}, el("strong", { id: "duplicates-total" }, String(duplicates.total)), " refused by the chain"),
    el(
      "ul",
      {},
      Object.entries(duplicates.byCode).map(([code, count]) => el("li", {}, `${code}: ${count}`))
    )
  );
}

async function refresh() {
  show(null);
  const active = Object.entries(state.filters).filter(([, value]) => value);
  $("active-filters").textContent = active.length
    ? `Filtered by ${active.map(([name, value]) => `${name} = ${value}`).join(", ")}`
    : "No filter: the whole platform.";
  await Promise.all([loadSummary(), loadBreakdown(), loadLadder(), loadTrends(), loadConcentration(), loadRules()]);
  document.body.dataset.loaded = String(Number(document.body.dataset.loaded ?? 0) + 1);
}

/** Sends a setting to the compliance API (written on chain, signed by the regulator) and follows it. */
async function changeRule(form, path, body, result) {
  result.textContent = "sending…";
  const change = await api(path, { method: "PUT", body });
  for (let attempt = 0; attempt < 60 && (change.status === "pending" || change.status === "sent"); attempt += 1) {
    result.textContent = `Setting ${change.operationId}: ${change.status}`;
    await new Promise((resolve) => setTimeout(resolve, 500));
    Object.assign(change, await api(`/v1/compliance/instructions/${change.operationId}`));
  }
  result.textContent = `Setting ${change.operationId}: ${change.status}${
    change.errorCode ? ` (${change.errorCode})` : ""
  }`;
  await loadRules();
}

if (organisation) {
  $("who").textContent = organisation.name;
  $("sign-out").addEventListener("click", signOut);
  $("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    state.filters = Object.fromEntries(new FormData(event.target).entries());
    refresh().catch(show);
  });
  $("clear-filters").addEventListener("click", () => {
    $("filters").reset();
    state.filters = {};
    refresh().catch(show);
  });
  $("export-breakdown").addEventListener("click", () =>
    download(`/v1/exposure/breakdown.csv${query({ by: state.by })}`, `exposure-by-${state.by}.csv`).catch(show)
  );
  $("export-positions").addEventListener("click", () =>
    download(`/v1/exposure/positions.csv${query(state.drill)}`, "exposure-positions.csv").catch(show)
  );
  $("more-positions").addEventListener("click", () => loadPositions().catch(show));
  $("close-drilldown").addEventListener("click", () => {
    $("drilldown").hidden = true;
    $("lineage").hidden = true;
  });
  $("limit-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.target).entries());
    changeRule(
      event.target,
      `/v1/compliance/exposure-limits/${form.bankId}/${form.debtorId}`,
      { limit: form.limit },
      $("limit-result")
    ).catch((error) => {
      $("limit-result").textContent = error.message;
    });
  });
  $("capacity-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.target).entries());
    changeRule(
      event.target,
      `/v1/compliance/guarantor-capacities/${form.guarantorId}`,
      { capacity: form.capacity },
      $("capacity-result")
    ).catch((error) => {
      $("capacity-result").textContent = error.message;
    });
  });
  loadFilterOptions().then(refresh).catch(show);
}
