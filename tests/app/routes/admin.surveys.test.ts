import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSession } from "~/auth/session.server";
import { createUser } from "~/auth/users.server";
import { action as listAction } from "~/routes/admin.surveys._index";
import { action as editAction } from "~/routes/admin.surveys.$slug.$version.edit";
import { action as publishAction } from "~/routes/admin.surveys.$slug.$version.publish";
import { loader as download } from "~/routes/admin.surveys.$slug.download";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { getVersion } from "~/survey/store.server";
import { prisma } from "~/utils/db.server";
import { referenceJson, seededJson } from "../survey/reference";

let managerCookie = "";
let staffCookie = "";

async function cookieFor(email: string, role: "staff" | "manager") {
  const { id } = await createUser({ email, role, password: "a-long-password-1" });
  const response = await startSession(id, "/admin");
  return response.headers.get("Set-Cookie")!.split(";")[0]!;
}

function post(path: string, body: FormData | Record<string, string>, cookie = managerCookie) {
  const data = body instanceof FormData ? body : new URLSearchParams(body);
  return new Request(`http://localhost${path}`, {
    method: "POST",
    body: data,
    headers: { Cookie: cookie, "Accept-Language": "en" },
  });
}

type Reply = { formId: string; result: { error?: Record<string, string[] | null> } };

beforeAll(async () => {
  managerCookie = await cookieFor("manager@example.se", "manager");
  staffCookie = await cookieFor("staff@example.se", "staff");
});
beforeEach(async () => {
  await prisma.survey.deleteMany();
  await seedReferenceSurvey();
});

describe("questionnaire routes", () => {
  it("only managers may change questionnaires", async () => {
    const refused = await listAction({ request: post("/admin/surveys", { intent: "newDraft", slug: "brukarenkat" }, staffCookie), params: {}, context: {} }).catch((e: unknown) => e);
    expect((refused as Response).status).toBe(403);
  });

  it("the server refuses to edit a published version, whatever the page sent", async () => {
    const before = await getVersion("brukarenkat", 3);
    const reply = (await editAction({
      request: post("/admin/surveys/brukarenkat/3/edit", {
        formId: "save-gender",
        intent: "save",
        key: "gender",
        lang: "sv",
        text: "Kön",
        waves: "closure",
      }),
      params: { slug: "brukarenkat", version: "3" },
      context: {},
    })) as Reply;
    expect(reply.formId).toBe("save-gender");
    expect(reply.result.error?.[""]).toEqual(["This version is published and cannot change. Start a new version."]);
    expect(await getVersion("brukarenkat", 3)).toEqual(before);
  });

  it("validates an edit with the form's zod schema on the server", async () => {
    await listAction({ request: post("/admin/surveys", { intent: "newDraft", slug: "brukarenkat" }), params: {}, context: {} });
    const reply = (await editAction({
      request: post("/admin/surveys/brukarenkat/4/edit", {
        formId: "add-question",
        intent: "addQuestion",
        key: "Bad Key",
        type: "single",
        lang: "sv",
        text: "Fråga?",
      }),
      params: { slug: "brukarenkat", version: "4" },
      context: {},
    })) as Reply;
    expect(reply.result.error).toMatchObject({ key: ["key"], waves: ["waves"] });
  });

  it("publishing needs the explicit confirmation", async () => {
    await listAction({ request: post("/admin/surveys", { intent: "newDraft", slug: "brukarenkat" }), params: {}, context: {} });
    const params = { slug: "brukarenkat", version: "4" };
    const reply = (await publishAction({ request: post("/admin/surveys/brukarenkat/4/publish", { intent: "publish" }), params, context: {} })) as Reply;
    expect(reply.result.error?.confirm).toEqual(["confirm"]);
    expect((await getVersion("brukarenkat", 4))!.status).toBe("draft");
    const done = (await publishAction({
      request: post("/admin/surveys/brukarenkat/4/publish", { intent: "publish", confirm: "on" }),
      params,
      context: {},
    })) as Response;
    expect(done.status).toBe(302);
    expect((await getVersion("brukarenkat", 4))!.status).toBe("published");
  });

  it("an uploaded file with an error is refused with the place, and changes nothing", async () => {
    const json = referenceJson();
    json.versions.push({ ...structuredClone(json.versions[2]), version: 4 });
    json.indicators[0].success = ["completely"];
    const form = new FormData();
    form.set("formId", "upload");
    form.set("intent", "upload");
    form.set("file", new File([JSON.stringify(json)], "q.json", { type: "application/json" }));
    const reply = (await listAction({ request: post("/admin/surveys", form), params: {}, context: {} })) as Reply;
    expect(reply.result.error?.[""]?.[0]).toBe("The file was refused and nothing changed:");
    expect(reply.result.error?.[""]).toContain(
      'indicators[0] "violence_stopped": option "completely" is not an option of "violence_stopped" in version 4',
    );
    expect(await getVersion("brukarenkat", 4)).toBeNull();
  });

  it("an uploaded new version is imported and published", async () => {
    const json = referenceJson();
    json.versions = [{ ...structuredClone(json.versions[2]), version: 4, label: "2016" }];
    const form = new FormData();
    form.set("intent", "upload");
    form.set("file", new File([JSON.stringify(json)], "q.json"));
    const reply = (await listAction({ request: post("/admin/surveys", form), params: {}, context: {} })) as Reply & {
      imported: unknown;
    };
    expect(reply.imported).toMatchObject({ created: [4] });
    expect((await getVersion("brukarenkat", 4))!.status).toBe("published");
  });

  it("downloads a version as a JSON attachment in the import format", async () => {
    const response = await download({
      request: new Request("http://localhost/admin/surveys/brukarenkat/download?version=1", { headers: { Cookie: managerCookie } }),
      params: { slug: "brukarenkat" },
      context: {},
    });
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="brukarenkat-v1.json"');
    const body = await response.json();
    const seeded = await seededJson();
    expect(body).toEqual({ ...seeded, versions: [seeded.versions[0]] });
  });
});
