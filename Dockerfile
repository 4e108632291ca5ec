# syntax=docker/dockerfile:1
# Build: compile TypeScript with every dependency, then keep only the production ones.
FROM node:20-bookworm-slim AS build
# argon2's prebuilt binary needs Node-API 10, which Node 20 lacks: its install script builds it
# from source (allowScripts in package.json), with these.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json vite.config.mts ./
COPY src ./src
COPY migrations ./migrations
# The admin console: built into dist/web, which the service serves at /.
COPY web ./web
RUN npm run build && npm prune --omit=dev

# Run: no compilers, no dev dependencies, not root.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
