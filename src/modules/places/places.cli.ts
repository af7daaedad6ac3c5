import type { Command } from 'commander';
import type { CliContext } from '../../platform/module.js';
import { ValidationError } from '../../platform/errors.js';
import { importFileAction } from '../../platform/import/index.js';
import { allSystems, round6 } from './coords.js';
import * as admin from './places-admin.service.js';

const degrees = (raw: string, field: 'lat' | 'lng', limit: number): number => {
  const v = raw.trim();
  if (!/^-?\d{1,3}(\.\d+)?$/.test(v) || Math.abs(Number(v)) > limit)
    throw ValidationError.one(
      field,
      `${field === 'lat' ? '纬度' : '经度'}“${raw}”应为 -${limit} 到 ${limit} 之间的十进制度数`,
    );
  return Number(v);
};

/** `gongkai places convert|import`: coordinates, and the places' spreadsheet. */
export function registerPlacesCommands(program: Command, io: CliContext): void {
  const cmd = program.command('places').description('政务公开查阅点、公开栏等地点');
  cmd
    .command('convert')
    .description('把 WGS-84 坐标换算为高德、腾讯使用的 GCJ-02 和百度使用的 BD-09（中国境外的点不变）')
    .requiredOption('--lat <纬度>', 'WGS-84 纬度，例如 24.781234')
    .requiredOption('--lng <经度>', 'WGS-84 经度，例如 118.552301')
    .option('--json', '以 JSON 输出')
    .action((o: { lat: string; lng: string; json?: boolean }) => {
      let p: { lat: number; lng: number };
      try {
        p = { lat: degrees(o.lat, 'lat', 90), lng: degrees(o.lng, 'lng', 180) };
      } catch (e) {
        // No database is opened: the error is reported here, the way withCtx reports its own.
        if (!(e instanceof ValidationError)) throw e;
        for (const f of e.fields) io.err(`错误（${f.field}）：${f.message}`);
        return io.setExitCode(1);
      }
      const all = allSystems(p);
      if (o.json) return io.out(JSON.stringify(all));
      const line = (label: string, q: { lat: number; lng: number }) =>
        io.out(`${label}\t纬度 ${round6(q.lat).toFixed(6)}\t经度 ${round6(q.lng).toFixed(6)}`);
      line('WGS-84（GPS、天地图）', all.wgs84);
      line('GCJ-02（高德、腾讯）', all.gcj02);
      line('BD-09（百度）', all.bd09);
    });
  cmd
    .command('import <file>')
    .description(
      '导入地点（CSV 或 Excel 工作簿，表头：所属机构,类型,名称,电子屏,所在场所,地址,纬度,经度,坐标系,坐标来源,联系电话,提供服务,无障碍设施,开放时间,按法定节假日和调休安排,特别安排,说明）；有一处错误则整表不导入，同一机构的同名地点按新数据更新',
    )
    .option('--json', '以 JSON 输出')
    .action(
      importFileAction(
        io,
        admin.importPlaces,
        (r) => `已导入 ${r.rows} 个地点：新增 ${r.inserted} 个，更新 ${r.updated} 个`,
      ),
    );
}
