import type { GongkaiModule } from '../../platform/module.js';
import { readStatusLabels } from './published/read-and-check.js';
import { scopeLabels } from './compile/annual-report.schemas.js';
import { figureDefs } from './compile/report-figures.service.js';
import { registerAnnualReportApi } from './compile/annual-report.api.js';
import { registerAnnualReportCommands } from './compile/annual-report.cli.js';
import { registerCompareCommands } from './compare/report-compare.cli.js';
import { registerAnnualReportPortalRoutes } from './compile/annual-report.portal.routes.js';
import { registerAnnualReportRoutes } from './compile/annual-report.routes.js';
import { remindReportDeadlines, reportSettings } from './compile/report-deadline.js';
import { registerReportFigureRoutes } from './compile/report-figures.routes.js';
import { registerCompareRoutes } from './compare/compare.routes.js';
import { reportWorkbench } from './compile/report-workbench.js';
import * as publishedReportTable from './migrations/0002-published-report.js';
import * as reportFigureTable from './migrations/0016-report-figure.js';
import * as annualReportTable from './migrations/0017-annual-report.js';
import * as followupTables from './migrations/0040-report-followup.js';
import { followupWorkbench } from './followup/followup-workbench.js';
import { registerFollowupRoutes } from './followup/followup.routes.js';
import { problemStatusLabels, trainingKindLabels } from './followup/followup.schemas.js';
import { registerPublishedReportApi } from './published/published-report.api.js';
import { registerCheckCommand } from './published/published-report.cli.js';
import { registerPublishedReportRoutes } from './published/published-report.routes.js';

/**
 * The 政府信息公开工作年度报告, by sub-domain: contract/ (the data contract, its checks, its JSON
 * Schema), published/ (reading and checking reports already published: 年报检查), compile/ (the
 * agency's own report built from the other modules' contributions, its text, sign-off and
 * deadlines) and render/ (the national layout as HTML, Markdown, DOCX, XLSX, PDF).
 */
export const annualReportModule: GongkaiModule = {
  name: 'annual-report',
  label: '年度报告',
  apiScopes: {
    'reports:read': {
      label: '读取年度报告数据（已发布报告和生成的报告）',
      labelEn: 'read annual report data (published and built)',
      roles: ['supervisor'],
    },
    'reports:write': {
      label: '提交已发布的年度报告供检查',
      labelEn: 'submit published annual reports for checking',
      roles: ['clerk'],
    },
  },
  tables: {
    published_report: { backup: { orderBy: 'id' } },
    report_figure: { backup: { orderBy: 'year', key: 'key' } },
    annual_report: { backup: { orderBy: 'id' } },
    training_session: { backup: { orderBy: 'id' } },
    report_problem: { backup: { orderBy: 'id' } },
  },
  migrations: {
    '0002-published-report': publishedReportTable,
    '0016-report-figure': reportFigureTable,
    '0017-annual-report': annualReportTable,
    '0040-report-followup': followupTables,
  },
  // Published reports, the site's own and the historical ones, are listed in each agency's 专栏.
  publicPageActions: ['annualReport.publish', 'publishedReport.attach'],
  audit: {
    actions: {
      'publishedReport.check': '检查年度报告',
      'publishedReport.attach': '记录历史年度报告',
      'reportFigure.set': '录入年报统计数据',
      'annualReport.open': '开始编写年度报告',
      'annualReport.narrative': '修改年度报告文字部分',
      'annualReport.publish': '发布年度报告',
      'annualReport.correct': '创建年度报告更正版本',
      'trainingSession.record': '登记培训或考核',
      'trainingSession.remove': '删除培训或考核记录',
      'reportProblem.update': '更新年报问题整改情况',
      'reportProblem.add': '补充年报问题',
      'reportProblem.remove': '删除年报问题',
    },
    subjects: {
      publishedReport: '年度报告（已发布文本）',
      annualReport: '本机关年度报告',
      trainingSession: '培训、考核',
      reportProblem: '年报所述问题',
    },
    fields: {
      ...Object.fromEntries([...figureDefs('2019'), ...figureDefs('2021')].map((d) => [d.key, d.label])),
      file: '文件',
      status: '读取情况',
      agency: '机构',
      replaced: '',
      scope: '范围',
      warnings: '提示条数',
      trainingKind: '类别',
      heldOn: '日期',
      attendees: '参加人次',
      text: '问题',
      fix: '整改情况',
      measures: '整改措施',
    },
    values: {
      status: readStatusLabels,
      scope: scopeLabels,
      trainingKind: trainingKindLabels,
      fix: problemStatusLabels,
    },
  },
  routes: (app) => {
    registerPublishedReportRoutes(app);
    registerAnnualReportRoutes(app);
    registerReportFigureRoutes(app);
    registerCompareRoutes(app);
    registerAnnualReportPortalRoutes(app);
    registerFollowupRoutes(app);
  },
  api: (app) => {
    registerPublishedReportApi(app);
    registerAnnualReportApi(app);
  },
  cli: (program, io) => {
    const report = program.command('report').description('政府信息公开工作年度报告');
    registerCheckCommand(report, io);
    registerCompareCommands(report, io);
    registerAnnualReportCommands(report, io);
  },
  jobs: [{ name: 'annualReport.deadlines', label: '年度报告发布期限提醒', run: remindReportDeadlines }],
  schedules: [{ job: 'annualReport.deadlines', every: 'day' }],
  settings: reportSettings,
  workbench: async (ctx) => [...(await reportWorkbench(ctx)), ...(await followupWorkbench(ctx))],
};
