export default async function globalTeardown() {
  const { default: run } = await import('./run-global-teardown.ts');
  await run();
}
