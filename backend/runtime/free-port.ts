import { createServer } from "node:net";

/** A TCP port the OS reports free on 127.0.0.1 (it may be taken again before use, rarely). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address === null || typeof address === "string") reject(new Error("no TCP port assigned"));
        else resolve(address.port);
      });
    });
  });
}
