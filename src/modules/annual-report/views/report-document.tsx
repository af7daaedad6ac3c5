import { AppealsTable, ProactiveTable, RequestsTable } from './report-tables.js';
import type { ReportData } from '../contract/report.js';

/**
 * A report's tables as a standalone HTML document (print-ready, no external resources). The
 * full six-section rendering belongs to the report builder; the checker's tests print this
 * to PDF and read it back.
 */
export async function reportTablesDocument(data: ReportData): Promise<string> {
  const marks = new Map<string, number[]>();
  const title = `${data.agency ?? ''}${data.year ?? ''}年政府信息公开工作年度报告`;
  const node = (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <title>{title}</title>
        <style>{`body{font-family:"Noto Sans CJK SC","Noto Serif CJK SC",sans-serif;font-size:10pt}table{border-collapse:collapse;width:100%;margin:8pt 0}th,td{border:1px solid #000;padding:2pt 4pt}caption{text-align:left;font-weight:bold}`}</style>
      </head>
      <body>
        <h1>{title}</h1>
        <h2>二、主动公开政府信息情况</h2>
        <ProactiveTable data={data} marks={marks} />
        <h2>三、收到和处理政府信息公开申请情况</h2>
        <RequestsTable data={data} marks={marks} />
        <h2>四、政府信息公开行政复议、行政诉讼情况</h2>
        <AppealsTable data={data} marks={marks} />
        <h2>五、存在的主要问题及改进情况</h2>
        <p>无。</p>
        <h2>六、其他需要报告的事项</h2>
        <p>无。</p>
      </body>
    </html>
  );
  return `<!doctype html>${String(await node)}`;
}
