import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import request from "supertest";
import { ParticipantsService } from "../../../backend/participants/participants.service.js";
import { type TestApp, createTestApp } from "./app.js";
import { waitFor } from "./wait-for.js";

describe("participants: onboarding through the chain, and API keys", () => {
  let testApp: TestApp;
  let operatorKey: string;
  const http = () => request(testApp.app.getHttpServer());

  beforeAll(async () => {
    testApp = await createTestApp();
    const participants = testApp.app.get(ParticipantsService);
    operatorKey = await participants.issueApiKey(await participants.operatorOrganisationId());
  });
  afterAll(() => testApp?.close());

  it("onboards an organisation: pending at once, active once the registry event is indexed", async () => {
    const created = await http()
      .post("/v1/organisations")
      .set("Authorization", `Bearer ${operatorKey}`)
      .send({ name: "Jianghan Parts Co.", taxId: "91420100MA4K0PART1", roles: ["supplier"], region: "Wuhan" })
      .expect(201);
    expect(created.body.organisation).toMatchObject({ name: "Jianghan Parts Co.", roles: ["supplier"], onChainStatus: "pending" });
    expect(created.body.apiKey).toMatch(/^rk_[0-9a-f]{12}\./);

    const supplierKey: string = created.body.apiKey;
    const me = await waitFor(
      () => http().get("/v1/organisations/me").set("Authorization", `Bearer ${supplierKey}`),
      (response) => response.body.onChainStatus === "active",
    );
    expect(me.body).toMatchObject({ id: created.body.organisation.id, taxId: "91420100MA4K0PART1" });
  });

  it("refuses a request without a key, or with an unknown one", async () => {
    const missing = await http().get("/v1/organisations/me").expect(401);
    expect(missing.body.error.code).toBe("API_KEY_MISSING");
    const unknown = await http()
      .get("/v1/organisations/me")
      .set("Authorization", `Bearer rk_000000000000.${"A".repeat(43)}`)
      .expect(401);
    expect(unknown.body.error.code).toBe("API_KEY_INVALID");
  });

  it("lets only the operator onboard", async () => {
    const { body } = await http()
      .post("/v1/organisations")
      .set("Authorization", `Bearer ${operatorKey}`)
      .send({ name: "Hanyang Castings", roles: ["supplier"] })
      .expect(201);
    const denied = await http()
      .post("/v1/organisations")
      .set("Authorization", `Bearer ${body.apiKey}`)
      .send({ name: "Self-made bank", roles: ["bank"] })
      .expect(403);
    expect(denied.body.error.code).toBe("ROLE_REQUIRED");
  });

  it("says what to fix in a bad onboarding request, and refuses a tax id twice", async () => {
    const invalid = await http()
      .post("/v1/organisations")
      .set("Authorization", `Bearer ${operatorKey}`)
      .send({ name: "", roles: ["landlord"], extra: 1 })
      .expect(400);
    expect(invalid.body.error.code).toBe("VALIDATION_FAILED");

    const first = { name: "Hubei Steel Works", taxId: "91420100MA4K0STEEL", roles: ["core_enterprise"] };
    await http().post("/v1/organisations").set("Authorization", `Bearer ${operatorKey}`).send(first).expect(201);
    const again = await http().post("/v1/organisations").set("Authorization", `Bearer ${operatorKey}`).send(first).expect(409);
    expect(again.body.error.code).toBe("ORGANISATION_TAX_ID_TAKEN");
  });
});
