import { prisma } from "~/utils/db.server";
import { generatePassword, hashPassword, verifyPassword } from "./password.server";
import type { Role } from "./roles";

export class UserExistsError extends Error {}

/** Creates an account; returns the password (generated when none is given). */
export async function createUser(input: {
  email: string;
  role: Role;
  password?: string;
  /** the unit the account works in (the install's default unit when missing) */
  unitId?: string;
}): Promise<{ id: string; email: string; password: string }> {
  const email = input.email.trim().toLowerCase();
  const existing = await prisma.user.findUnique({ where: { email } });
  if (existing) throw new UserExistsError(`A user with e-mail ${email} already exists`);
  const password = input.password ?? generatePassword();
  const user = await prisma.user.create({
    data: { email, role: input.role, passwordHash: await hashPassword(password), ...(input.unitId ? { unitId: input.unitId } : {}) },
  });
  return { id: user.id, email, password };
}

export async function setUserActive(id: string, active: boolean): Promise<void> {
  await prisma.$transaction([
    prisma.user.update({ where: { id }, data: { active } }),
    ...(active ? [] : [prisma.session.deleteMany({ where: { userId: id } })]),
  ]);
}

/**
 * Changes a password after checking the current one; other sessions of the account end, so a
 * password someone else learnt stops working everywhere at once.
 */
export async function changePassword(
  userId: string,
  current: string,
  next: string,
  keepSessionId?: string,
): Promise<boolean> {
  const user = await prisma.user.findUnique({ where: { id: userId } });
  if (!user || !(await verifyPassword(user.passwordHash, current))) return false;
  const passwordHash = await hashPassword(next);
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { passwordHash } }),
    prisma.session.deleteMany({ where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } }),
  ]);
  return true;
}
