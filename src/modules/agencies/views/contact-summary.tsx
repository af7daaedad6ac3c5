import { Summary } from '../../../platform/ui/components.js';
import type { Agency } from '../agency.js';

type Contact = Pick<
  Agency,
  'name' | 'address' | 'postcode' | 'officeHours' | 'phone' | 'fax' | 'email' | 'website' | 'creditCode'
>;

/**
 * An agency's contact card as its 政府信息公开指南 gives it (国办公开办函〔2019〕61号: 机构名称, 地址,
 * 邮编, 办公时间, 电话, 传真, 电子邮箱), with its website, and optionally its 统一社会信用代码: the one
 * card of the agency pages and each agency's 专栏.
 */
export function ContactSummary({ a, withCode = true }: { a: Contact; withCode?: boolean }) {
  return (
    <Summary
      rows={[
        ['机构名称', a.name],
        ['办公地址', a.address],
        ['邮政编码', a.postcode],
        ['办公时间', a.officeHours],
        ['联系电话', a.phone],
        ['传真', a.fax],
        ['电子邮箱', a.email],
        ['网站', a.website ? <a href={a.website}>{a.website}</a> : null],
        ...(withCode ? ([['统一社会信用代码', a.creditCode]] as Array<[string, string | null]>) : []),
      ]}
    />
  );
}
