#!/bin/sh
# Stands in for Prisma's native schema engine, which cannot be downloaded on our machines.
# `prisma generate` only checks that an engine exists; migrations run through the WASM engine
# (scripts/db/engine.ts). See docs/decisions/001-offline-migrations.md.
exit 0
