import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scryptAsync = (password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

/** scrypt (memory-hard), parameters stored with the hash so they can be raised later. */
export const PasswordHasher = {
  params: { N: 32768, r: 8, p: 1 },

  async hash(password: string): Promise<string> {
    const { N, r, p } = PasswordHasher.params;
    const salt = randomBytes(16);
    const key = await scryptAsync(password, salt, 32, { N, r, p, maxmem: 128 * N * r * 2 });
    return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
  },

  async verify(password: string, stored: string): Promise<boolean> {
    const [scheme, n, r, p, salt, key] = stored.split('$');
    if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
    const expected = Buffer.from(key, 'base64');
    const N = Number(n);
    const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, {
      N,
      r: Number(r),
      p: Number(p),
      maxmem: 128 * N * Number(r) * 2,
    });
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  },
};

let dummy: Promise<string> | undefined;

/** A hash of a random password, verified against when the e-mail is unknown so timing does not reveal it. */
export function dummyHash(): Promise<string> {
  return (dummy ??= PasswordHasher.hash(randomBytes(16).toString('hex')));
}
