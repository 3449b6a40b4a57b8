# syntax=docker/dockerfile:1
# Multi-stage build: compile TypeScript and the native SQLite driver in a build stage, ship only the
# compiled output and production dependencies on a slim Node LTS image, run as the unprivileged `node` user.

FROM node:24-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_URL=sqlite:/data/agentstate.db
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json manifest.yml ./
# The SQLite file lives on a volume so subscriptions, the audit log and in-flight operations survive
# container restarts. With DATABASE_URL=postgres://… the volume is simply unused.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form, node as PID 1's child-free process: SIGTERM reaches the app, which stops taking work,
# finishes or journals in-flight logins and releases the watcher lease before exiting.
CMD ["node", "dist/cli/bin.js", "serve"]
