# One image for the API, the workers and the dashboard; docker-compose.yml picks the command.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
# `npm install` installs the versions package-lock.json pins, as `npm start` and CI do: `npm ci` refuses a lock file
# written by npm 11 behind a registry mirror, which leaves other platforms' optional packages out (npm/cli#9342).
RUN npm install --no-audit --no-fund \
 && node packages/devtools/bin/run.mjs prisma/scripts/generate.ts \
 && npm run build -w @switchboard/dashboard
USER node
