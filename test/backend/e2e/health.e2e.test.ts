import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import request from "supertest";
import { freePort } from "../../../backend/runtime/free-port.js";
import { createTestApp, type TestApp } from "./app.js";

describe("GET /health", () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it("answers 200 with the chain, the database and Redis up", async () => {
    const response = await request(testApp.app.getHttpServer()).get("/health").expect(200);
    const up = { status: "up", latencyMs: expect.any(Number) };
    expect(response.body).toEqual({ status: "up", checks: { chain: up, database: up, redis: up } });
  });

  it("serves the OpenAPI document at /openapi.json and Swagger UI at /docs", async () => {
    const document = await request(testApp.app.getHttpServer()).get("/openapi.json").expect(200);
    expect(document.body).toMatchObject({
      openapi: expect.stringMatching(/^3\./),
      info: { title: "Receivables platform API" },
      paths: { "/health": { get: expect.any(Object) } },
    });
    await request(testApp.app.getHttpServer()).get("/docs").expect(200).expect("content-type", /html/);
  });

  it("answers unknown routes in the error shape", async () => {
    const response = await request(testApp.app.getHttpServer()).get("/no-such-route").expect(404);
    expect(response.body).toEqual({ error: { code: "NOT_FOUND", message: expect.any(String), details: {} } });
  });
});

describe("GET /health with the chain node unreachable", () => {
  let testApp: TestApp;

  beforeAll(async () => {
    const nobodyListens = `http://127.0.0.1:${await freePort()}`;
    testApp = await createTestApp((config) => ({ ...config, chainRpcUrl: nobodyListens }));
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it("answers 503 naming the chain as down and the others up", async () => {
    const response = await request(testApp.app.getHttpServer()).get("/health").expect(503);
    expect(response.body).toEqual({
      status: "down",
      checks: {
        chain: { status: "down", latencyMs: expect.any(Number), error: expect.any(String) },
        database: { status: "up", latencyMs: expect.any(Number) },
        redis: { status: "up", latencyMs: expect.any(Number) },
      },
    });
  });
});
