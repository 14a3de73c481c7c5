import { api, el, money, requireRole, signOut, table } from "./api.js";

const organisation = requireRole("supplier");
const $ = (id) => document.getElementById(id);
let currentPart = null;

function show(error) {
  $("error").textContent = error ? error.message : "";
}

/** Uploads the CSV, then follows the upload's progress endpoint until every row has a result. */
async function upload(file) {
  $("upload-progress").hidden = false;
  $("upload-rows").replaceChildren();
  setProgress(0, 0, "uploading…");
  let view = await api("/v1/invoices/uploads", { method: "POST", body: await file.text(), contentType: "text/csv" });
  while (view.status === "running") {
    setProgress(view.processedRows, view.totalRows, `${view.processedRows} of ${view.totalRows} rows processed`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    view = await api(`/v1/invoices/uploads/${view.id}?limit=1`);
  }
  setProgress(
    view.processedRows,
    view.totalRows,
    view.status === "done"
      ? `done: ${view.acceptedRows} accepted, ${view.rejectedRows} rejected`
      : `failed: ${view.errorMessage}`
  );
  $("upload-status").dataset.status = view.status;
  await showRows(view.id);
  await loadInvoices();
}

function setProgress(done, total, text) {
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);
  $("progress-bar").firstElementChild.style.width = `${percent}%`;
  $("progress-bar").setAttribute("aria-valuenow", String(percent));
  $("upload-status").textContent = text;
}

async function showRows(uploadId) {
  const rows = [];
  let cursor = null;
  do {
    const view = await api(
      `/v1/invoices/uploads/${uploadId}?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`
    );
    rows.push(...view.rows.items);
    cursor = view.rows.nextCursor;
  } while (cursor && rows.length < 2000);
  $("upload-rows").replaceChildren(
    table(
      ["row", "result", "field", "reason"],
      rows.map((row) =>
        el(
          "tr",
          { "data-row": row.rowNumber },
          el("td", {}, row.rowNumber),
          el("td", { class: `status-${row.status}` }, row.status),
          el("td", {}, row.field ?? ""),
          el("td", {}, row.reasonCode ? `${row.reasonCode}: ${row.message}` : "")
        )
      )
    )
  );
}

async function loadInvoices() {
  const page = await api("/v1/invoices?limit=100");
  $("invoices").replaceChildren(
    page.items.length === 0
      ? el("p", { class: "muted" }, "No invoices yet.")
      : table(
          ["code / number", "buyer", "amount", "due", "status", "tax check", "voucher"],
          page.items.map((invoice) =>
            el(
              "tr",
              { "data-invoice": invoice.id },
              el("td", {}, `${invoice.invoiceCode} / ${invoice.invoiceNumber}`),
              el("td", {}, invoice.buyerTaxId),
              el("td", { class: "num" }, money(invoice.amount)),
              el("td", {}, invoice.dueDate),
              el("td", { class: `status-${invoice.status}` }, invoice.status),
              el(
                "td",
                {},
                invoice.taxCheck
                  ? `${invoice.taxCheck.status}${
                      invoice.taxCheck.mismatches.length ? ` (${invoice.taxCheck.mismatches.join(", ")})` : ""
                    }`
                  : ""
              ),
              el("td", {}, invoice.voucherId ?? "")
            )
          )
        )
  );
}

async function loadVouchers() {
  const page = await api("/v1/receivables/vouchers?limit=100");
  $("vouchers").replaceChildren(
    page.items.length === 0
      ? el("p", { class: "muted" }, "No voucher parts yet.")
      : table(
          ["part", "voucher", "tier", "amount", "held", "maturity", "voucher status"],
          page.items.map((part) =>
            el(
              "tr",
              { class: "selectable", "data-part": part.partId, onclick: () => openPart(part.partId).catch(show) },
              el("td", {}, part.partId),
              el("td", {}, part.voucherId),
              el("td", {}, part.tier),
              el("td", { class: "num" }, money(part.amount)),
              el("td", { class: "num" }, money(part.heldAmount)),
              el("td", {}, part.voucher.maturity.slice(0, 10)),
              el("td", {}, part.voucher.status)
            )
          )
        )
  );
}

async function openPart(partId) {
  const view = await api(`/v1/receivables/vouchers/${partId}`);
  currentPart = partId;
  $("part").hidden = false;
  $("part-title").textContent = `${partId} of voucher ${view.voucher.voucherId} (face value ${money(
    view.voucher.faceValue
  )}, matures ${view.voucher.maturity.slice(0, 10)})`;
  const line = (part, current) =>
    el(
      "span",
      { class: current ? "current" : "" },
      `part ${part.partId} · tier ${part.tier} · ${money(part.amount)} · ${part.status} · holder ${
        part.holderOrganisationId === organisation.id ? "you" : part.holderOrganisationId ?? part.holderAddress
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
  $("part-lineage").replaceChildren(el("ul", {}, branch));
}

/** Sends a split or transfer and follows the instruction until the chain has answered. */
async function instruct(kind, body) {
  $("instruction-result").textContent = "sending…";
  let instruction = await api(`/v1/receivables/vouchers/${currentPart}/${kind}`, { method: "POST", body });
  while (instruction.status === "pending") {
    $("instruction-result").textContent = `${kind} ${instruction.id}: waiting for the chain…`;
    await new Promise((resolve) => setTimeout(resolve, 500));
    instruction = await api(`/v1/receivables/instructions/${instruction.id}`);
  }
  $("instruction-result").textContent = `${kind} ${instruction.id}: ${instruction.status}${
    instruction.errorCode ? ` (${instruction.errorCode})` : ""
  }`;
  await loadVouchers();
  await openPart(currentPart).catch(() => undefined);
}

/** Asks the banks for financing of the open part and follows each request until the chain has recorded it. */
async function askForFinancing(form) {
  const body = {
    partId: currentPart,
    bankOrganisationIds: form.bankOrganisationIds
      .split(",")
      .map((id) => id.trim())
      .filter(Boolean),
    kind: form.kind,
    recourse: form.recourse === "on",
    minAdvance: form.minAdvance,
    ...(form.kind === "pledge_loan" ? { pledgeAmount: form.pledgeAmount } : {}),
  };
  const group = await api("/v1/financing/requests", { method: "POST", body });
  let requests = group.requests;
  for (let attempt = 0; attempt < 60 && requests.some((request) => request.status === "requesting"); attempt += 1) {
    showFinancing(requests);
    await new Promise((resolve) => setTimeout(resolve, 500));
    requests = await Promise.all(requests.map((request) => api(`/v1/financing/requests/${request.id}`)));
  }
  showFinancing(requests);
}

function showFinancing(requests) {
  $("financing-result").replaceChildren(
    table(
      ["request", "bank", "amount", "status"],
      requests.map((request) =>
        el(
          "tr",
          { "data-financing": request.id },
          el("td", {}, request.id),
          el("td", {}, request.bankOrganisationId),
          el("td", { class: "num" }, money(request.amount)),
          el("td", {}, `${request.status}${request.errorCode ? ` (${request.errorCode})` : ""}`)
        )
      )
    )
  );
}

if (organisation) {
  $("who").textContent = organisation.name;
  $("sign-out").addEventListener("click", signOut);
  $("upload-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const file = $("csv-file").files[0];
    if (file) upload(file).catch(show);
  });
  $("refresh-invoices").addEventListener("click", () => loadInvoices().catch(show));
  $("refresh-vouchers").addEventListener("click", () => loadVouchers().catch(show));
  $("split-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.target).entries());
    instruct("split", {
      parts: [{ amount: form.amount, recipientOrganisationId: form.recipientOrganisationId }],
    }).catch(show);
  });
  $("transfer-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.target).entries());
    instruct("transfer", { recipientOrganisationId: form.recipientOrganisationId }).catch(show);
  });
  $("financing-form").addEventListener("submit", (event) => {
    event.preventDefault();
    askForFinancing(Object.fromEntries(new FormData(event.target).entries())).catch(show);
  });
  Promise.all([loadInvoices(), loadVouchers()]).catch(show);
}
