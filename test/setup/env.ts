// Every test talks to the run's own database and queue prefix, made by global setup.
if (!process.env.DATABASE_NAME?.startsWith('noden_test_') || !process.env.QUEUE_PREFIX?.startsWith('noden-test-')) {
  throw new Error('Tests must run through `npm test` (global setup creates the test database and queue prefix).');
}
