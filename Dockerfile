# One image for every Vigil service; the compose file picks the entry point per service.
# Checked against the node image's own guide (nodejs/docker-node docs/BestPractices.md): NODE_ENV=production,
# the unprivileged `node` user, `node` itself as the command (npm would swallow SIGTERM); compose adds `init`.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Exactly the lockfile (fails if package.json and package-lock.json disagree); install scripts as allowScripts decides.
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
# The Nest apps and the analysts' dashboard (dist/dashboard, served by the query app at /dashboard).
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
# kafkajs 2.2.4 passes a negative delay to setTimeout on Node 24 (tulios/kafkajs#1751): harmless, not worth a log line.
ENV NODE_OPTIONS=--disable-warning=TimeoutNegativeWarning
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY migrations ./migrations
COPY scripts ./scripts
COPY bin ./bin
USER node
# The API, and Prometheus' management port (VIGIL_METRICS_PORT).
EXPOSE 8080 9464
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.VIGIL_PORT||8080)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/apps/vigil/src/main.js"]
