# Satchel in a container: Next's standalone server on Node 20, as a non-root user.
#   docker build -t satchel .            (add --build-arg BASE_PATH=/webmail to serve under a path)
#   docker run -p 3000:3000 --env-file satchel.env satchel
# Configuration comes only from the environment (.env.example); DOMAINS_FILE and MAIL_CA_FILE are
# files you mount, e.g. -v /etc/satchel:/etc/satchel:ro.

# 1. Every dependency (dev ones are needed to build), then the build.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
ARG BASE_PATH=
ENV BASE_PATH=$BASE_PATH NEXT_TELEMETRY_DISABLED=1
# public/ holds optional files such as a brand logo; it may be absent from a clone.
RUN mkdir -p public && npx next build

# 2. Only what the standalone server needs: its traced production node_modules, static assets, public/.
FROM node:20-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOSTNAME=0.0.0.0 PORT=3000 \
    NEXT_MANUAL_SIG_HANDLE=true
ARG BASE_PATH=
ENV BASE_PATH=$BASE_PATH
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
COPY --from=build --chown=node:node /app/public ./public
USER node
EXPOSE 3000
# /healthz answers while the process is up; /readyz (mail servers reachable) is for the load balancer.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+(process.env.BASE_PATH||'')+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node as PID 1 gets SIGTERM from `docker stop` directly; lib/shutdown.ts drains and exits 0.
CMD ["node", "server.js"]
