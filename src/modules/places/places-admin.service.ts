import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { documentFileKinds } from '../../platform/file-kinds.js';
import { newId } from '../../platform/ids.js';
import { columns, readTable, readUploadedSpreadsheet } from '../../platform/import/index.js';
import { text } from '../../platform/schema.js';
import { agencies, type Agency } from '../agencies/index.js';
import { convert, round6 } from './coords.js';
import { stripMetadata } from './photo-metadata.js';
import { exceptionsText, weeklyText, type OpeningHours } from './hours.js';
import { placeKindLabels, type PlaceKind } from './places.js';
import { assertCan, can, scopes } from './places.policy.js';
import * as repo from './places.repository.js';
import { placeFields, placeSchema, type PlaceInput } from './places.schemas.js';
import type { PlaceTable } from './places.tables.js';

const photoKinds = [documentFileKinds.jpg!, documentFileKinds.png!];

/** The stored row's fields from what was entered: the point converted to WGS-84. */
function rowFields(
  v: PlaceInput,
  now: string,
): Omit<PlaceTable, 'id' | 'agency_id' | 'status' | 'created_at'> {
  const p = convert({ lat: v.lat, lng: v.lng }, v.coordSystem, 'wgs84');
  const hours: OpeningHours = {
    weekly: v.weekly,
    followCalendar: v.followCalendar,
    exceptions: v.exceptions,
  };
  return {
    kind: v.kind,
    name: v.name,
    electronic: v.electronic ? 1 : 0,
    venue: v.venue,
    address: v.address,
    lat: round6(p.lat),
    lng: round6(p.lng),
    coord_source: v.coordSource,
    coord_input: v.coordSystem,
    phone: v.phone,
    services: JSON.stringify(v.services),
    accessibility: JSON.stringify(v.accessibility),
    hours: JSON.stringify(hours),
    description: v.description,
    updated_at: now,
  };
}

const takenMessage = (name: string) => `本机构已有名为“${name}”的地点，请换一个名称或修改原有地点`;

export async function create(ctx: Ctx, agencyId: string, raw: unknown): Promise<{ id: string }> {
  const agency = await agencies.get(ctx, agencyId);
  assertCan(ctx.actor, 'manage', agency);
  const v = placeSchema.parse(raw);
  const now = ctx.clock.now().toISOString();
  return inTransaction(ctx, async (ctx) => {
    if (await repo.findByName(ctx.db, agency.id, v.name))
      throw ValidationError.one('name', takenMessage(v.name));
    const id = newId();
    await repo.insert(ctx.db, {
      id,
      agency_id: agency.id,
      status: 'open',
      created_at: now,
      ...rowFields(v, now),
    });
    await recordAudit(ctx, {
      action: 'place.create',
      subjectType: 'place',
      subjectId: id,
      agencyId: agency.id,
      after: { name: v.name, kind: v.kind },
    });
    return { id };
  });
}

async function editable(ctx: Ctx, id: string) {
  const row = await repo.find(ctx.db, id);
  if (!row) throw new NotFoundError('没有找到这个地点');
  assertCan(ctx.actor, 'manage', { path: row.agency_path });
  return row;
}

export async function update(ctx: Ctx, id: string, raw: unknown): Promise<void> {
  const row = await editable(ctx, id);
  const v = placeSchema.parse(raw);
  const now = ctx.clock.now().toISOString();
  await inTransaction(ctx, async (ctx) => {
    const same = await repo.findByName(ctx.db, row.agency_id, v.name);
    if (same && same.id !== id) throw ValidationError.one('name', takenMessage(v.name));
    await repo.update(ctx.db, id, rowFields(v, now));
    await recordAudit(ctx, {
      action: 'place.update',
      subjectType: 'place',
      subjectId: id,
      agencyId: row.agency_id,
      before: { name: row.name },
      after: { name: v.name },
    });
  });
}

/** 撤销 a place (closed for good, kept for the record) or open it again. */
export async function setOpen(ctx: Ctx, id: string, open: boolean): Promise<void> {
  const row = await editable(ctx, id);
  if ((row.status === 'open') === open)
    throw new ConflictError(open ? '这个地点已在开放中' : '这个地点已撤销');
  await inTransaction(ctx, async (ctx) => {
    await repo.update(ctx.db, id, {
      status: open ? 'open' : 'closed',
      updated_at: ctx.clock.now().toISOString(),
    });
    await recordAudit(ctx, {
      action: open ? 'place.reopen' : 'place.close',
      subjectType: 'place',
      subjectId: id,
      agencyId: row.agency_id,
    });
  });
}

export async function addPhoto(
  ctx: Ctx,
  id: string,
  file: { filename?: string; bytes?: Uint8Array } | undefined,
  caption: string,
) {
  const row = await editable(ctx, id);
  const bytes = file?.bytes;
  if (!bytes || bytes.length === 0) throw ValidationError.one('photo', '请选择照片（JPEG 或 PNG）');
  const kind = photoKinds.find((k) => k.magic(bytes));
  if (!kind) throw ValidationError.one('photo', '照片应为 JPEG 或 PNG 图片');
  if (bytes.length > kind.maxBytes)
    throw ValidationError.one('photo', `照片不能超过 ${Math.round(kind.maxBytes / 1048576)} MB`);
  const clean = stripMetadata(bytes, kind.mediaType);
  const text = caption.trim().slice(0, 100) || row.name;
  await inTransaction(ctx, async (ctx) => {
    const position = (await repo.lastPhotoPosition(ctx.db, id)) + 1;
    const photoId = newId();
    await repo.insertPhoto(ctx.db, {
      id: photoId,
      place_id: id,
      agency_id: row.agency_id,
      media_type: kind.mediaType,
      content: clean,
      caption: text,
      position,
      created_at: ctx.clock.now().toISOString(),
    });
    await recordAudit(ctx, {
      action: 'place.photo',
      subjectType: 'place',
      subjectId: id,
      agencyId: row.agency_id,
      after: { caption: text },
    });
  });
}

export async function removePhoto(ctx: Ctx, placeId: string, photoId: string): Promise<void> {
  const row = await editable(ctx, placeId);
  const f = await repo.photo(ctx.db, photoId);
  if (!f || f.place_id !== placeId) throw new NotFoundError('没有找到这张照片');
  await inTransaction(ctx, async (ctx) => {
    await repo.deletePhoto(ctx.db, photoId);
    await recordAudit(ctx, {
      action: 'place.removePhoto',
      subjectType: 'place',
      subjectId: placeId,
      agencyId: row.agency_id,
      before: { caption: f.caption },
    });
  });
}

/** The back-office list: every place in the member's scopes, with what they may do. */
export async function adminList(ctx: Ctx, q: { agency?: string | undefined }) {
  const paths = scopes(ctx.actor, 'read');
  let agency: Agency | null = null;
  if (q.agency) agency = await agencies.get(ctx, q.agency).catch(() => null);
  const rows = await repo.listInScopes(ctx.db, paths, agency?.path ?? null);
  const staff = (await agencies.listForStaff(ctx)).filter((a) => paths.some((p) => a.path.startsWith(p)));
  return {
    agency,
    agencies: staff,
    manageable: staff.filter((a) => can(ctx.actor, 'manage', a)),
    places: rows.map((r) => ({
      id: r.id,
      name: r.name,
      kindLabel: placeKindLabels[r.kind as PlaceKind] + (r.electronic ? '（电子屏）' : ''),
      agencyName: r.agency_name,
      address: r.address,
      lat: r.lat,
      lng: r.lng,
      open: r.status === 'open',
      mayManage: can(ctx.actor, 'manage', { path: r.agency_path }),
      updatedAt: r.updated_at,
    })),
  };
}

/** The form's values for a stored place (the same text the form and the spreadsheet take). */
export async function formOf(ctx: Ctx, id: string) {
  const row = await editable(ctx, id);
  const h = JSON.parse(row.hours) as OpeningHours;
  const photos = await repo.photosOf(ctx.db, [id]);
  return {
    id: row.id,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    open: row.status === 'open',
    photos: photos.map((p) => ({ id: p.id, caption: p.caption })),
    values: {
      kind: row.kind,
      name: row.name,
      electronic: row.electronic ? 'true' : '',
      venue: row.venue ?? '',
      address: row.address,
      lat: row.lat.toFixed(6),
      lng: row.lng.toFixed(6),
      coordSystem: 'wgs84',
      coordSource: row.coord_source,
      phone: row.phone ?? '',
      services: JSON.parse(row.services) as string[],
      accessibility: JSON.parse(row.accessibility) as string[],
      weekly: weeklyText(h.weekly),
      followCalendar: h.followCalendar ? 'true' : '',
      exceptions: exceptionsText(h.exceptions),
      description: row.description ?? '',
    } as Record<string, string | string[]>,
  };
}

/** The spreadsheet: 所属机构 and the form's fields, one place per row. */
export const placeColumns = columns({
  agency: text('所属机构', { max: 200 }),
  ...placeFields,
});

export interface PlacesImport {
  rows: number;
  inserted: number;
  updated: number;
}

/**
 * Imports places from a spreadsheet (CSV in any encoding Excel or WPS saves, or XLSX): all or
 * nothing, every bad cell named by row and column. A place already stored under the same agency
 * and name is updated. Each row's agency must be one the member manages.
 */
export async function importPlaces(ctx: Ctx, bytes: Uint8Array): Promise<PlacesImport> {
  const sheet = await readUploadedSpreadsheet(bytes);
  const table = readTable(sheet, placeColumns);
  const list = await agencies.listForStaff(ctx);
  const byName = new Map<string, Agency[]>();
  for (const a of list)
    for (const n of [a.name, a.shortName])
      if (n) byName.set(n, [...(byName.get(n) ?? []).filter((x) => x !== a), a]);
  const agencyOf = new Map<number, Agency>();
  const seen = new Map<string, number>();
  for (const { row, value: v } of table.rows) {
    const found = byName.get(v.agency) ?? [];
    if (found.length !== 1)
      table.problem(
        row,
        'agency',
        found.length
          ? `有 ${found.length} 个机构名为“${v.agency}”，请写全称`
          : `所属机构“${v.agency}”不是本平台的机构`,
      );
    else if (!can(ctx.actor, 'manage', found[0]!))
      table.problem(row, 'agency', `您不能维护“${v.agency}”的地点`);
    else agencyOf.set(row, found[0]!);
    const key = `${v.agency}\u0000${v.name}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) table.problem(row, 'name', `与第 ${earlier} 行是同一机构的同名地点`);
    else seen.set(key, row);
  }
  const rows = table.finish();
  if (rows.length === 0) throw ValidationError.one('file', '表格中没有地点');
  const now = ctx.clock.now().toISOString();
  return inTransaction(ctx, async (ctx) => {
    let inserted = 0;
    let updated = 0;
    for (const { row, value: v } of rows) {
      const agency = agencyOf.get(row)!;
      const fields = { ...v, agency: undefined };
      const existing = await repo.findByName(ctx.db, agency.id, v.name);
      if (existing) {
        await repo.update(ctx.db, existing.id, { ...rowFields(fields, now), status: 'open' });
        updated++;
      } else {
        await repo.insert(ctx.db, {
          id: newId(),
          agency_id: agency.id,
          status: 'open',
          created_at: now,
          ...rowFields(fields, now),
        });
        inserted++;
      }
    }
    const result = { rows: rows.length, inserted, updated };
    await recordAudit(ctx, {
      action: 'place.import',
      subjectType: 'placeImport',
      subjectId: null,
      agencyId: null,
      after: result,
    });
    return result;
  });
}
