#!/bin/sh
# Stand-in for Prisma's native schema engine, which the Prisma CLI would download from Prisma's CDN (not
# reachable here). `prisma generate` never runs it: it only checks that the file exists (see
# scripts/prisma-generate.mjs). Commands that really need the engine (migrate, db push/pull) end here.
echo "The Prisma schema engine is not installed: the benchmark creates its tables with raw SQL." >&2
exit 1
