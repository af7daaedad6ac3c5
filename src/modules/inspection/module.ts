import { defineJob } from '../../platform/jobs/index.js';
import type { GongkaiModule } from '../../platform/module.js';
import * as inspectionTables from './migrations/0039-inspection.js';
import { registerInspectionAdminRoutes } from './inspection.admin.routes.js';
import { registerInspectionCommands } from './inspection.cli.js';
import {
  CRAWL_JOB,
  crawlJob,
  PROBE_JOB,
  probeJob,
  SCHEDULE_JOB,
  scheduleJob,
} from './inspection-runs.service.js';
import { inspectionSettings } from './inspection.settings.js';
import { inspectionWorkbench } from './inspection-workbench.js';

/**
 * The site inspector (国办秘函〔2019〕19号): the office's list of sites, hourly probes of their home
 * pages, a polite crawler run on schedule and on demand, the 单项否决 and 100-point sheet with
 * evidence, the quarterly self-inspection report, and the 工作台's sites at risk (issue 17).
 */
export const inspectionModule: GongkaiModule = {
  name: 'inspection',
  label: '政府网站检查',
  tables: {
    inspected_site: { backup: { orderBy: 'id' } },
    site_probe: { backup: { orderBy: 'id' } },
    inspection_run: { backup: { orderBy: 'id' } },
    inspection_url: { notBackedUp: '检查过程中的抓取队列：检查结论和证据另存于检查结果，队列可以重新抓取' },
    inspection_result: { backup: { orderBy: 'id' } },
  },
  migrations: { '0039-inspection': inspectionTables },
  settings: inspectionSettings,
  audit: {
    actions: {
      'inspection.addSite': '将网站加入检查名单',
      'inspection.updateSite': '修改被检查网站',
      'inspection.pauseSite': '暂停检查网站',
      'inspection.resumeSite': '恢复检查网站',
      'inspection.start': '立即检查网站',
      'inspection.confirm': '确认检查发现的问题',
      'inspection.dismiss': '认定检查结果不是问题',
    },
    subjects: { inspectedSite: '被检查网站' },
    fields: { name: '网站名称', url: '首页地址', rule: '检查规则' },
  },
  routes: (app) => registerInspectionAdminRoutes(app),
  cli: registerInspectionCommands,
  jobs: [
    defineJob<{ runId: string }>({
      name: CRAWL_JOB,
      label: '政府网站检查：抓取与评分',
      run: crawlJob,
      maxAttempts: 3,
      timeoutMs: 60 * 60_000,
    }),
    { name: PROBE_JOB, label: '政府网站检查：首页可用性探测', run: probeJob, timeoutMs: 10 * 60_000 },
    { name: SCHEDULE_JOB, label: '政府网站检查：排定到期检查', run: scheduleJob, timeoutMs: 5 * 60_000 },
  ],
  // 24 probes a day, at intervals (19号: at least 20 a day); inspections queued at night.
  schedules: [
    { job: PROBE_JOB, every: 'hour' },
    { job: SCHEDULE_JOB, every: 'day', at: '02:30' },
  ],
  workbench: inspectionWorkbench,
};
