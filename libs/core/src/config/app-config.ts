/** Typed configuration read once from the environment; a missing or wrong value stops the process naming it. */
export type NodeEnv = 'development' | 'test' | 'production';
export type QueueBackend = 'redis' | 'postgres';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

export interface FederationConfig {
  /** This node's id: its HTTPS origin, e.g. `https://noden.regionsormland.se`. */
  nodeId: string;
  /** The node's signing keys (a JWK set with private keys): a file, or the JSON itself in FEDERATION_KEY. */
  keyFile?: string;
  keyJson?: string;
  /** The signed registry of nodes: a file or an https URL. */
  registryFile?: string;
  registryUrl?: string;
  /** The registry's pinned public key: an Ed25519 public JWK (JSON) or its `x` value. */
  registryKey: string;
  pullIntervalMs: number;
  backoffMaxMs: number;
  requestTimeoutMs: number;
}

export class AppConfig {
  readonly nodeEnv!: NodeEnv;
  readonly port!: number;
  readonly databaseUrl!: string;
  readonly databasePoolSize!: number;
  /** Set when the queues run on Redis. */
  readonly redisUrl?: string;
  readonly queueBackend!: QueueBackend;
  /** The Postgres that holds BullMQ's tables when `queueBackend` is postgres (the app's database unless set). */
  readonly queueDatabaseUrl!: string;
  readonly queuePrefix!: string;
  readonly jwtSecret!: string;
  readonly jwtExpiresInSeconds!: number;
  readonly smtpUrl?: string;
  readonly mailFrom!: string;
  readonly logLevel!: 'debug' | 'info' | 'warn' | 'error';
  readonly graphqlMaxDepth!: number;
  readonly graphqlMaxComplexity!: number;
  readonly bodyLimitBytes!: number;
  readonly loginMaxFailures!: number;
  readonly loginLockSeconds!: number;
  /** Browser sessions: ended after this long without use, and this long after sign-in at the latest. */
  readonly sessionIdleSeconds!: number;
  readonly sessionMaxSeconds!: number;
  /**
   * A replaced refresh token presented again this soon after its replacement is a lost answer (a reload or a
   * dropped connection mid-refresh), not theft: it gets a new token instead of ending the session.
   */
  readonly sessionReuseGraceSeconds!: number;
  readonly privacyMinOrganizations!: number;
  readonly privacyMinPeople!: number;
  /** How often reconcilers (follow-ups, notification sweep) look in Postgres for due work. */
  readonly reconcileIntervalMs!: number;
  /** Each worker's own timer: heartbeat row and the check that its job schedulers still exist. */
  readonly workerHeartbeatMs!: number;
  /** /ready fails when no worker has beaten for this long. */
  readonly workerStaleAfterMs!: number;
  /** false for an api-only deployment: /ready then reports workers but does not require one. */
  readonly readyRequiresWorker!: boolean;
  /** After a failed enqueue the api stops trying Redis for this long and leaves the work to the reconcilers. */
  readonly enqueueBreakerMs!: number;
  /**
   * The address people reach Noden at (https://noden.example.se): redirect URIs and SAML endpoints are built from
   * it. Unset in development and tests: taken from the request.
   */
  readonly publicUrl?: string;
  /** Federation with other counties' nodes; undefined when FEDERATION_NODE_ID is unset (federation off). */
  readonly federation?: FederationConfig;
  /** Bearer token Prometheus sends to `/metrics`. */
  readonly metricsToken?: string;
  /** A port of its own for `/metrics` (the worker serves metrics only there). */
  readonly metricsPort?: number;
  readonly metricsHost!: string;

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
    const problems: string[] = [];
    const str = (name: string, fallback?: string): string => {
      const value = env[name]?.trim();
      if (value) return value;
      if (fallback !== undefined) return fallback;
      problems.push(`${name} is required`);
      return '';
    };
    const int = (name: string, fallback: number, min: number, max: number): number => {
      const raw = env[name]?.trim();
      if (!raw) return fallback;
      const value = Number(raw);
      if (!Number.isInteger(value) || value < min || value > max) {
        problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
        return fallback;
      }
      return value;
    };
    const url = (name: string, protocols: string[], fallback?: string): string => {
      const value = str(name, fallback);
      if (!value) return value;
      try {
        const parsed = new URL(value);
        if (!protocols.includes(parsed.protocol)) {
          problems.push(`${name} must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
        }
      } catch {
        problems.push(`${name} is not a valid URL`);
      }
      return value;
    };
    const bool = (name: string, fallback: boolean): boolean => {
      const raw = env[name]?.trim().toLowerCase();
      if (!raw) return fallback;
      if (['true', '1', 'yes'].includes(raw)) return true;
      if (['false', '0', 'no'].includes(raw)) return false;
      problems.push(`${name} must be true or false (got "${raw}")`);
      return fallback;
    };
    const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
      const value = (env[name]?.trim() || fallback) as T;
      if (!allowed.includes(value)) problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
      return value;
    };

    const nodeEnv = oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
    const jwtSecret = str('JWT_SECRET');
    if (jwtSecret && jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
    const smtpUrl = env.SMTP_URL?.trim() ? url('SMTP_URL', ['smtp:', 'smtps:']) : undefined;
    const metricsToken = env.METRICS_TOKEN?.trim() || undefined;
    if (metricsToken && metricsToken.length < 16) problems.push('METRICS_TOKEN must be at least 16 characters');
    const queuePrefix = str('QUEUE_PREFIX', 'noden');
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(queuePrefix))
      problems.push('QUEUE_PREFIX may hold only letters, digits, . _ - (at most 64)');

    const redisUrl = env.REDIS_URL?.trim() ? url('REDIS_URL', ['redis:', 'rediss:']) : undefined;
    const queueBackend = oneOf('QUEUE_BACKEND', ['redis', 'postgres'] as const, redisUrl ? 'redis' : 'postgres');
    if (queueBackend === 'redis' && !redisUrl) problems.push('REDIS_URL is required when QUEUE_BACKEND=redis');
    const databaseUrl = url('DATABASE_URL', ['postgres:', 'postgresql:']);
    const queueDatabaseUrl = env.QUEUE_DATABASE_URL?.trim()
      ? url('QUEUE_DATABASE_URL', ['postgres:', 'postgresql:'])
      : databaseUrl;

    const config = Object.assign(new AppConfig(), {
      nodeEnv,
      port: int('PORT', 3000, 1, 65535),
      databaseUrl,
      databasePoolSize: int('DATABASE_POOL_SIZE', 10, 1, 200),
      redisUrl,
      queueBackend,
      queueDatabaseUrl,
      queuePrefix,
      jwtSecret,
      jwtExpiresInSeconds: int('JWT_EXPIRES_IN_SECONDS', 900, 60, 86400),
      smtpUrl,
      mailFrom: str('MAIL_FROM', 'Noden <noreply@noden.local>'),
      logLevel: oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
      graphqlMaxDepth: int('GRAPHQL_MAX_DEPTH', 12, 2, 50),
      graphqlMaxComplexity: int('GRAPHQL_MAX_COMPLEXITY', 5000, 10, 1000000),
      bodyLimitBytes: int('BODY_LIMIT_BYTES', 1_048_576, 1024, 52_428_800),
      loginMaxFailures: int('LOGIN_MAX_FAILURES', 5, 1, 100),
      loginLockSeconds: int('LOGIN_LOCK_SECONDS', 900, 1, 86400),
      sessionIdleSeconds: int('SESSION_IDLE_SECONDS', 4 * 3600, 60, 7 * 86400),
      sessionMaxSeconds: int('SESSION_MAX_SECONDS', 12 * 3600, 60, 30 * 86400),
      sessionReuseGraceSeconds: int('SESSION_REUSE_GRACE_SECONDS', 30, 0, 300),
      privacyMinOrganizations: int('PRIVACY_MIN_ORGANIZATIONS', 3, 1, 100),
      privacyMinPeople: int('PRIVACY_MIN_PEOPLE', 5, 1, 1000),
      reconcileIntervalMs: int('RECONCILE_INTERVAL_SECONDS', 60, 1, 3600) * 1000,
      workerHeartbeatMs: int('WORKER_HEARTBEAT_SECONDS', 15, 1, 600) * 1000,
      workerStaleAfterMs: int('WORKER_STALE_AFTER_SECONDS', 60, 2, 3600) * 1000,
      readyRequiresWorker: bool('READY_REQUIRES_WORKER', true),
      enqueueBreakerMs: int('ENQUEUE_BREAKER_SECONDS', 10, 1, 600) * 1000,
      publicUrl: env.PUBLIC_URL?.trim() ? url('PUBLIC_URL', ['https:', 'http:']).replace(/\/+$/, '') : undefined,
      metricsToken,
      metricsPort: env.METRICS_PORT?.trim() ? int('METRICS_PORT', 0, 1, 65535) : undefined,
      metricsHost: str('METRICS_HOST', '0.0.0.0'),
    });
    const federation = federationFrom(env, nodeEnv, problems, int);
    if (federation) Object.assign(config, { federation });
    if (config.workerStaleAfterMs <= config.workerHeartbeatMs)
      problems.push('WORKER_STALE_AFTER_SECONDS must be longer than WORKER_HEARTBEAT_SECONDS');
    if (problems.length > 0) throw new ConfigError(problems);
    return config;
  }
}

const FEDERATION_VARIABLES = [
  'FEDERATION_NODE_ID',
  'FEDERATION_KEY_FILE',
  'FEDERATION_KEY',
  'FEDERATION_REGISTRY_FILE',
  'FEDERATION_REGISTRY_URL',
  'FEDERATION_REGISTRY_KEY',
] as const;

/** All or nothing: without FEDERATION_NODE_ID federation is off; with it, a key, a registry and its pinned key are required. */
function federationFrom(
  env: NodeJS.ProcessEnv,
  nodeEnv: NodeEnv,
  problems: string[],
  int: (name: string, fallback: number, min: number, max: number) => number,
): FederationConfig | undefined {
  const value = (name: (typeof FEDERATION_VARIABLES)[number]) => env[name]?.trim() || undefined;
  const nodeId = value('FEDERATION_NODE_ID');
  if (!nodeId) {
    const stray = FEDERATION_VARIABLES.filter((name) => value(name));
    if (stray.length) problems.push(`FEDERATION_NODE_ID is required when ${stray.join(', ')} is set`);
    return undefined;
  }
  try {
    const url = new URL(nodeId);
    const allowed = nodeEnv === 'production' ? ['https:'] : ['https:', 'http:'];
    if (!allowed.includes(url.protocol) || url.origin !== nodeId)
      problems.push(
        `FEDERATION_NODE_ID must be an origin (${allowed.join(' or ')}//host[:port], no path or trailing slash), got "${nodeId}"`,
      );
  } catch {
    problems.push('FEDERATION_NODE_ID is not a valid URL');
  }
  const keyFile = value('FEDERATION_KEY_FILE');
  const keyJson = value('FEDERATION_KEY');
  if (!keyFile === !keyJson) problems.push('Federation needs exactly one of FEDERATION_KEY_FILE or FEDERATION_KEY');
  const registryFile = value('FEDERATION_REGISTRY_FILE');
  const registryUrl = value('FEDERATION_REGISTRY_URL');
  if (!registryFile === !registryUrl)
    problems.push('Federation needs exactly one of FEDERATION_REGISTRY_FILE or FEDERATION_REGISTRY_URL');
  const registryKey = value('FEDERATION_REGISTRY_KEY');
  if (!registryKey)
    problems.push("FEDERATION_REGISTRY_KEY (the registry's pinned public key) is required for federation");
  return {
    nodeId,
    keyFile,
    keyJson,
    registryFile,
    registryUrl,
    registryKey: registryKey ?? '',
    pullIntervalMs: int('FEDERATION_PULL_SECONDS', 300, 1, 86400) * 1000,
    backoffMaxMs: int('FEDERATION_BACKOFF_MAX_SECONDS', 3600, 1, 7 * 86400) * 1000,
    requestTimeoutMs: int('FEDERATION_REQUEST_TIMEOUT_SECONDS', 15, 1, 600) * 1000,
  };
}

/** Prints the problem and exits: the process must not run half-configured. */
export function loadConfigOrExit(): AppConfig {
  try {
    return AppConfig.fromEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${JSON.stringify({ level: 'fatal', message: error.message, problems: error.problems })}\n`);
      process.exit(78);
    }
    throw error;
  }
}
