/**
 * The `users` section: who may log in at the table, with which role. A user carries only the scrypt
 * hash of their PIN or password (made by `studio-desk users add`), never the secret itself.
 */
import { z } from 'zod';
import { ROLES } from '../auth/roles';
import {
  DEFAULT_SCRYPT_COST,
  KEY_BYTES,
  SALT_BYTES,
  isAcceptableSecretHash,
  isSecretHash,
} from '../auth/secret';
import { always, label, slug } from './fields';
import { nearest, strictObject } from './strict';

const USERS_ADD = '`studio-desk users add`';
const PLAIN_SECRET_HINT = `plain PINs and passwords never go in the table file: set one with ${USERS_ADD}, which stores its hash as secret`;
const SECRET_FORMAT_HINT = `must be a hash made by ${USERS_ADD} (scrypt$N$r$p$salt$hash), never a plain PIN or password`;

const secretHash = z
  .string({
    error: (iss) => (iss.input === undefined ? `required: set one with ${USERS_ADD}` : SECRET_FORMAT_HINT),
  })
  .superRefine((s, ctx) => {
    if (!isSecretHash(s)) ctx.addIssue({ code: 'custom', message: SECRET_FORMAT_HINT });
    else if (!isAcceptableSecretHash(s))
      ctx.addIssue({
        code: 'custom',
        message:
          `is a weaker hash than the desk accepts (at least N=${DEFAULT_SCRYPT_COST.N}, r=${DEFAULT_SCRYPT_COST.r}, ` +
          `p=${DEFAULT_SCRYPT_COST.p}, ${SALT_BYTES}-byte salt, ${KEY_BYTES}-byte key): set it again with ${USERS_ADD}`,
      });
  });

export const UserSchema = strictObject(
  {
    id: slug,
    name: label,
    role: z.enum(ROLES, {
      error: (iss) => {
        if (iss.input === undefined) return 'required';
        const near = typeof iss.input === 'string' ? nearest(iss.input, ROLES) : undefined;
        return `unknown role ${JSON.stringify(iss.input)} (${near ? `did you mean "${near}"?` : `known: ${ROLES.join(', ')}`})`;
      },
    }),
    secret: secretHash,
  },
  { pin: PLAIN_SECRET_HINT, password: PLAIN_SECRET_HINT },
);

export const UsersSchema = z
  .array(UserSchema)
  .min(1)
  .superRefine((users, ctx) => {
    if (!Array.isArray(users)) return;
    const seen = new Map<unknown, number>();
    users.forEach((u, i) => {
      const id = typeof u === 'object' && u !== null ? (u as { id?: unknown }).id : undefined;
      if (typeof id !== 'string') return;
      const first = seen.get(id);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [i, 'id'],
          message: `duplicate user id "${id}" (also users[${first}])`,
        });
      else seen.set(id, i);
    });
    const roles = users.map((u) =>
      typeof u === 'object' && u !== null ? (u as { role?: unknown }).role : undefined,
    );
    if (users.length > 0 && !roles.includes('floor_manager'))
      ctx.addIssue({
        code: 'custom',
        message: 'no floor manager: voids and results held for review need one',
      });
  }, always);
