import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { INestApplication } from "@nestjs/common";
import type { NestExpressApplication } from "@nestjs/platform-express";

/** Where the pages are served: the regulator's dashboard and the supplier portal. */
export const WEB_PREFIX = "/app/";

/**
 * Serves `web/` (plain HTML, JavaScript modules and SVG: nothing to build, nothing fetched from elsewhere) at
 * /app/. These are static files outside Nest's routes, so the API key guard does not apply to them: the
 * pages hold no data; every figure comes from the JSON API, which checks the caller's key and role.
 */
export function serveWebPages(app: INestApplication): void {
  (app as NestExpressApplication).useStaticAssets(findWebDir(), {
    prefix: WEB_PREFIX,
    index: "index.html",
    fallthrough: true,
  });
}

/** `web/` at the project root, found from this file whether it runs from source or from `dist/`. */
function findWebDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "web");
    if (existsSync(join(candidate, "dashboard.html"))) return candidate;
    const parent = resolve(dir, "..");
    if (parent === dir) throw new Error("web/ not found beside the backend");
    dir = parent;
  }
}
