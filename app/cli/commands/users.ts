import { isRole, ROLES } from "~/auth/roles";
import { MIN_PASSWORD_LENGTH } from "~/auth/password-policy";
import { createUser, UserExistsError } from "~/auth/users.server";
import { requireString, UsageError, type Command } from "../framework";
import { unitOption } from "./units";

export const usersCreate: Command = {
  name: "users create",
  summary: "Creates a staff account and prints its generated password (unless read from stdin).",
  usage: "users create --email EMAIL --role staff|manager|orgmanager|admin [--unit SLUG] [--password-stdin] [--json]",
  options: {
    unit: { type: "string" },
    email: { type: "string" },
    role: { type: "string" },
    "password-stdin": { type: "boolean" },
    json: { type: "boolean" },
  },
  async run({ values }, ctx) {
    const email = requireString(values, "email").toLowerCase();
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new UsageError(`--email "${email}" is not an e-mail address`);
    const role = requireString(values, "role");
    if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}`);
    let password: string | undefined;
    if (values["password-stdin"]) {
      password = (await ctx.stdin()).replace(/\r?\n$/, "");
      if (password.length < MIN_PASSWORD_LENGTH)
        throw new UsageError(`the password must be at least ${MIN_PASSWORD_LENGTH} characters`);
    }
    try {
      const user = await createUser({ email, role, password, unitId: (await unitOption(values))?.id });
      if (values.json) {
        ctx.stdout(JSON.stringify({ email: user.email, role, ...(password ? {} : { password: user.password }) }));
      } else {
        ctx.stdout(`Created ${role} ${user.email}`);
        if (!password) ctx.stdout(`Password (shown once): ${user.password}`);
      }
    } catch (e) {
      if (e instanceof UserExistsError) throw new UsageError(e.message);
      throw e;
    }
  },
};
