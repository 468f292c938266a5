# One image for the API, the workers and the dashboard; docker-compose.yml picks the command.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npm ci --no-audit --no-fund \
 && node packages/devtools/bin/run.mjs prisma/scripts/generate.ts \
 && npm run build -w @switchboard/dashboard
USER node
