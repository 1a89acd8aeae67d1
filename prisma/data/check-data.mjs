#!/usr/bin/env node
// Validates the seed data files in this folder:
//   institutions.json         — RUT format + módulo 11, unique RUTs/names, enums, regions
//   municipality-regions.json — every municipality mapped to one of the 16 regions
// Usage: node prisma/data/check-data.mjs [path/to/municipalities.json]
// (municipalities list defaults to ./municipalities.json next to this script if present,
//  else $MUNICIPALITIES_JSON, else /work/shared/data/municipalities.json)
import { readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const readJson = (p) => JSON.parse(readFileSync(p, "utf8"));

export const REGIONS = [
  "Arica y Parinacota",
  "Tarapacá",
  "Antofagasta",
  "Atacama",
  "Coquimbo",
  "Valparaíso",
  "Metropolitana de Santiago",
  "Libertador General Bernardo O'Higgins",
  "Maule",
  "Ñuble",
  "Biobío",
  "La Araucanía",
  "Los Ríos",
  "Los Lagos",
  "Aysén del General Carlos Ibáñez del Campo",
  "Magallanes y de la Antártica Chilena",
];
const KINDS = [
  "MINISTERIO",
  "SERVICIO_PUBLICO",
  "GOBIERNO_REGIONAL",
  "CONTRALORIA",
  "FFAA_ORDEN",
  "DELEGACION_PRESIDENCIAL",
  "OTRO",
];
const GROUPS = ["A", "B", "C"];

/** Módulo 11 check digit for a RUT body (digits only). */
export function rutCheckDigit(body) {
  let sum = 0;
  let factor = 2;
  for (let i = body.length - 1; i >= 0; i--) {
    sum += Number(body[i]) * factor;
    factor = factor === 7 ? 2 : factor + 1;
  }
  const r = 11 - (sum % 11);
  return r === 11 ? "0" : r === 10 ? "K" : String(r);
}

const errors = [];
const err = (msg) => errors.push(msg);

// ---------- institutions.json ----------
const institutions = readJson(join(here, "institutions.json"));
if (!Array.isArray(institutions)) err("institutions.json: not an array");

const RUT_RE = /^(\d{1,2})\.(\d{3})\.(\d{3})-([0-9K])$/;
const seenRut = new Map();
const seenName = new Set();
const byKind = {};
const byGroup = {};
const byKindGroup = {};
let pisee1 = 0;
let illustrative = 0;

for (const [i, inst] of institutions.entries()) {
  const where = `institutions[${i}] (${inst?.name ?? "?"})`;
  for (const f of ["name", "shortName", "rut"]) {
    if (typeof inst[f] !== "string" || !inst[f].trim()) err(`${where}: ${f} missing/empty`);
  }
  if (!KINDS.includes(inst.kind)) err(`${where}: bad kind ${inst.kind}`);
  if (!GROUPS.includes(inst.group)) err(`${where}: bad group ${inst.group}`);
  if (inst.region !== null && !REGIONS.includes(inst.region)) err(`${where}: bad region ${inst.region}`);
  if (typeof inst.pisee1 !== "boolean") err(`${where}: pisee1 must be boolean`);
  if ("rutIsIllustrative" in inst && typeof inst.rutIsIllustrative !== "boolean")
    err(`${where}: rutIsIllustrative must be boolean`);

  const m = RUT_RE.exec(inst.rut ?? "");
  if (!m) {
    err(`${where}: RUT ${inst.rut} not in NN.NNN.NNN-D format`);
  } else {
    const body = m[1] + m[2] + m[3];
    const expected = rutCheckDigit(body);
    if (expected !== m[4]) err(`${where}: RUT ${inst.rut} fails módulo 11 (expected -${expected})`);
    if (seenRut.has(body)) err(`${where}: RUT ${inst.rut} duplicates ${seenRut.get(body)}`);
    seenRut.set(body, inst.name);
  }
  if (seenName.has(inst.name)) err(`${where}: duplicate name`);
  seenName.add(inst.name);

  if (inst.kind === "GOBIERNO_REGIONAL" && inst.group !== "B") err(`${where}: GORE must be group B`);
  if (["MINISTERIO", "CONTRALORIA", "FFAA_ORDEN", "DELEGACION_PRESIDENCIAL"].includes(inst.kind) && inst.group !== "A")
    err(`${where}: ${inst.kind} must be group A`);

  byKind[inst.kind] = (byKind[inst.kind] ?? 0) + 1;
  byGroup[inst.group] = (byGroup[inst.group] ?? 0) + 1;
  const kg = `${inst.kind}/${inst.group}`;
  byKindGroup[kg] = (byKindGroup[kg] ?? 0) + 1;
  if (inst.pisee1) pisee1++;
  if (inst.rutIsIllustrative) illustrative++;
}

const goreRegions = institutions.filter((x) => x.kind === "GOBIERNO_REGIONAL").map((x) => x.region);
for (const r of REGIONS) if (!goreRegions.includes(r)) err(`no GOBIERNO_REGIONAL for region ${r}`);
if (goreRegions.length !== 16) err(`expected 16 regional governments, found ${goreRegions.length}`);

// ---------- municipality-regions.json ----------
const muniPath =
  process.argv[2] ??
  (existsSync(join(here, "municipalities.json")) ? join(here, "municipalities.json") : null) ??
  process.env.MUNICIPALITIES_JSON ??
  "/work/shared/data/municipalities.json";
const muniRaw = readJson(muniPath);
const municipalities = Array.isArray(muniRaw) ? muniRaw : muniRaw.municipalities;
const muniRegions = readJson(join(here, "municipality-regions.json"));

const byRegion = Object.fromEntries(REGIONS.map((r) => [r, 0]));
const muniGroups = {};
const names = new Set();
for (const { name, group } of municipalities) {
  names.add(name);
  muniGroups[group] = (muniGroups[group] ?? 0) + 1;
  const region = muniRegions[name];
  if (region === undefined) err(`municipality "${name}" has no region`);
  else if (!REGIONS.includes(region)) err(`municipality "${name}": unknown region "${region}"`);
  else byRegion[region]++;
}
for (const k of Object.keys(muniRegions)) {
  if (!names.has(k)) err(`municipality-regions.json: "${k}" is not in ${muniPath}`);
}

// ---------- report ----------
console.log(`institutions: ${institutions.length} (pisee1: ${pisee1}, illustrative RUTs: ${illustrative})`);
console.log("  by kind: ", byKind);
console.log("  by group:", byGroup);
console.log("  by kind/group:", byKindGroup);
console.log(`municipalities: ${municipalities.length} (groups ${JSON.stringify(muniGroups)}) from ${muniPath}`);
console.log("  by region:", byRegion);

if (errors.length) {
  console.error(`\n${errors.length} error(s):`);
  for (const e of errors) console.error("  - " + e);
  process.exit(1);
}
console.log("\nOK: all checks passed");
