// Jest loads global setup outside its module system: the TypeScript is loaded through @swc-node/register.
export default async function globalSetup() {
  const { default: run } = await import('./run-global-setup.ts');
  await run();
}
