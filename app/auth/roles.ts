/** orgmanager: a manager of the whole organisation, who compares its units and sees them pooled. */
export const ROLES = ["staff", "manager", "orgmanager", "admin"] as const;
export type Role = (typeof ROLES)[number];

const rank: Record<Role, number> = { staff: 0, manager: 1, orgmanager: 2, admin: 3 };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** True when `role` may do what `required` may (admin ⊃ orgmanager ⊃ manager ⊃ staff). */
export function hasRole(role: string, required: Role): boolean {
  return isRole(role) && rank[role] >= rank[required];
}
