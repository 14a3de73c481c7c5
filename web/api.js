// The pages' one way to the JSON API: the organisation's API key (its credential on this platform) is kept in
// sessionStorage for this tab only and sent as a Bearer token; the API decides what the role may see.

const KEY = "receivables.apiKey";
const ORGANISATION = "receivables.organisation";

export function signedIn() {
  const organisation = sessionStorage.getItem(ORGANISATION);
  return organisation ? JSON.parse(organisation) : null;
}

export async function signIn(apiKey) {
  const response = await fetch("/v1/organisations/me", { headers: { Authorization: `Bearer ${apiKey}` } });
  if (!response.ok) throw new Error((await errorOf(response)) || "this API key is not valid");
  const organisation = await response.json();
  sessionStorage.setItem(KEY, apiKey);
  sessionStorage.setItem(ORGANISATION, JSON.stringify(organisation));
  return organisation;
}

export function signOut() {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(ORGANISATION);
  location.href = "/app/";
}

/** Sends a request with the key; answers JSON, or throws an Error carrying the API's error code. */
export async function api(path, { method = "GET", body, contentType = "application/json", headers = {} } = {}) {
  const response = await fetch(path, {
    method,
    headers: {
      Authorization: `Bearer ${sessionStorage.getItem(KEY)}`,
      ...(body === undefined ? {} : { "Content-Type": contentType }),
      ...headers,
    },
    body: body === undefined ? undefined : contentType === "application/json" ? JSON.stringify(body) : body,
  });
  if (response.status === 401) signOut();
  if (!response.ok) {
    const error = new Error((await errorOf(response)) || `${response.status} ${response.statusText}`);
    error.status = response.status;
    throw error;
  }
  return response.status === 204 ? null : response.json();
}

/** Downloads a CSV the API produces, with the key (a plain link could not send it). */
export async function download(path, filename) {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${sessionStorage.getItem(KEY)}` } });
  if (!response.ok) throw new Error((await errorOf(response)) || `${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement("a"), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function errorOf(response) {
  try {
    const body = await response.json();
    return body.error ? `${body.error.code}: ${body.error.message}` : "";
  } catch {
    return "";
  }
}

/** Requires a signed-in organisation with one of `roles`; otherwise back to sign-in. */
export function requireRole(...roles) {
  const organisation = signedIn();
  if (!organisation || !organisation.roles.some((role) => roles.includes(role))) {
    location.href = "/app/";
    return null;
  }
  return organisation;
}

/** Minor units (a decimal string) as currency units with two decimals, without going through a float. */
export function money(minor) {
  const value = BigInt(minor ?? 0);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(3, "0");
  const units = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${units}.${digits.slice(-2)}`;
}

/** Builds an element: el("td", { class: "num" }, "12.00"). Text is always set as text, never as HTML. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (value !== undefined && value !== null && value !== false)
      element.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat())
    if (child !== null && child !== undefined) element.append(child instanceof Node ? child : String(child));
  return element;
}

export function table(headers, rows) {
  return el(
    "table",
    {},
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        headers.map((header) => el("th", {}, header))
      )
    ),
    el("tbody", {}, rows)
  );
}
