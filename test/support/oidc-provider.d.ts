// oidc-provider ships no types (and @types/oidc-provider lags its majors); the tests use it untyped.
declare module 'oidc-provider' {
  const Provider: any;
  export default Provider;
}
