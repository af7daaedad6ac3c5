import { formatDateTime } from '../../../platform/clock.js';
import { SelectField, Table } from '../../../platform/ui/components.js';
import { recordStateLabels, recordStates, type RecordState } from '../record.js';
import type { StaffListItem } from '../record.presenter.js';

/** The back office's list of records, with the state filter. */
export function RecordList({ items, state }: { items: StaffListItem[]; state: RecordState | undefined }) {
  return (
    <>
      <h1 class="gk-title">主动公开信息</h1>
      <p>
        <a class="gk-button" href="/admin/records/new">
          起草新信息
        </a>{' '}
        <a class="gk-button gk-button--secondary" href="/admin/documents">
          公文公开属性登记
        </a>
      </p>
      <form class="gk-form gk-filters" method="get" action="/admin/records">
        <SelectField
          name="state"
          label="状态"
          value={state ?? ''}
          placeholder="全部"
          options={recordStates.map((s) => ({ value: s, label: recordStateLabels[s] }))}
        />
        <button class="gk-button gk-button--secondary" type="submit">
          筛选
        </button>
      </form>
      <Table
        head={['标题', '发布机构', '文号', '索引号', '状态', '更新时间']}
        caption={`共 ${items.length} 条`}
      >
        {items.map((r) => (
          <tr>
            <td>
              <a href={`/admin/records/${r.id}`}>{r.title}</a>
            </td>
            <td>{r.agencyName}</td>
            <td>{r.documentNumber ?? ''}</td>
            <td>{r.indexNumber ?? ''}</td>
            <td>{r.stateLabel}</td>
            <td>{formatDateTime(r.updatedAt)}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}
