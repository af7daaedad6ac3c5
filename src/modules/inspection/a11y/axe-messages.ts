// Chinese wording of axe-core's rules for the report. People read the report in Chinese, so a rule
// this table does not know is worded from axe-core's own zh_CN locale, and failing that with a
// generic Chinese sentence — axe's English help never reaches the report.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Outcome } from '../inspection.js';

/** What a violation of the rule means, as a short Chinese sentence. */
export const axeRuleProblems: Readonly<Record<string, string>> = {
  'area-alt': '图像热区（<area>）缺少替代文本',
  'aria-allowed-attr': '元素使用了其角色不支持的 ARIA 属性',
  'aria-allowed-role': '元素的 ARIA 角色与元素不相符',
  'aria-braille-equivalent': '盲文 ARIA 属性缺少对应的非盲文属性',
  'aria-command-name': 'ARIA 命令控件没有可辨识的名称',
  'aria-conditional-attr': 'ARIA 属性的用法不符合元素的角色',
  'aria-deprecated-role': '使用了已废弃的 ARIA 角色',
  'aria-dialog-name': 'ARIA 对话框没有可辨识的名称',
  'aria-hidden-body': '<body> 被设为 aria-hidden，读屏软件无法读取整个页面',
  'aria-hidden-focus': '对读屏软件隐藏的元素仍可获得键盘焦点',
  'aria-input-field-name': 'ARIA 输入框没有可辨识的名称',
  'aria-meter-name': 'ARIA 计量器没有可辨识的名称',
  'aria-progressbar-name': 'ARIA 进度条没有可辨识的名称',
  'aria-prohibited-attr': '元素使用了其角色禁止的 ARIA 属性',
  'aria-required-attr': 'ARIA 角色缺少必需的属性',
  'aria-required-children': 'ARIA 角色缺少必需的子元素',
  'aria-required-parent': 'ARIA 角色不在必需的父元素之内',
  'aria-roledescription': 'aria-roledescription 用在了没有语义角色的元素上',
  'aria-roles': 'ARIA 角色的取值无效',
  'aria-tab-name': 'ARIA 标签页没有可辨识的名称',
  'aria-text': 'role=text 的元素内含可获得焦点的元素',
  'aria-toggle-field-name': 'ARIA 开关控件没有可辨识的名称',
  'aria-tooltip-name': 'ARIA 提示框没有可辨识的名称',
  'aria-treeitem-name': 'ARIA 树节点没有可辨识的名称',
  'aria-valid-attr-value': 'ARIA 属性的取值无效',
  'aria-valid-attr': 'ARIA 属性名称无效',
  'audio-caption': '音频缺少文字稿或字幕',
  'autocomplete-valid': '表单控件的 autocomplete 属性取值有误',
  'avoid-inline-spacing': '内联样式锁定了文字间距，用户无法调整',
  blink: '使用了闪烁的 <blink> 元素',
  'button-name': '按钮没有可辨识的名称',
  bypass: '页面没有跳过重复内容（导航）的方法',
  'color-contrast': '文字与背景对比度不足',
  'color-contrast-enhanced': '文字与背景对比度未达到增强标准（7:1）',
  'css-orientation-lock': '页面锁定了屏幕方向（只能横屏或竖屏）',
  'definition-list': '定义列表（<dl>）的结构不正确',
  dlitem: '<dt>/<dd> 不在定义列表（<dl>）之内',
  'document-title': '页面缺少标题（<title>）',
  'duplicate-id': '页面有重复的 id',
  'duplicate-id-active': '可操作元素的 id 重复',
  'duplicate-id-aria': '被标签或 ARIA 引用的 id 重复',
  'empty-heading': '标题（h1–h6）为空',
  'empty-table-header': '表头单元格为空',
  'focus-order-semantics': '可获得焦点的元素缺少合适的角色',
  'form-field-multiple-labels': '表单控件有多个标签',
  'frame-focusable-content': '含可操作内容的框架被设为 tabindex=-1，键盘无法进入',
  'frame-tested': '框架未被检查',
  'frame-title': '框架（iframe）没有可辨识的标题',
  'frame-title-unique': '多个框架的标题相同',
  'heading-order': '标题层级跳级（如 h2 之后直接出现 h4）',
  'hidden-content': '页面有隐藏内容未被检查',
  'html-has-lang': '页面未声明语言（<html> 缺少 lang 属性）',
  'html-lang-valid': '页面声明的语言代码无效（应如 zh-CN）',
  'html-xml-lang-mismatch': '<html> 的 lang 与 xml:lang 不一致',
  'identical-links-same-purpose': '名称相同的链接指向不同的目标',
  'image-alt': '图片缺少替代文本',
  'image-redundant-alt': '图片的替代文本与旁边的文字重复',
  'input-button-name': '输入按钮没有可辨识的名称',
  'input-image-alt': '图片按钮缺少替代文本',
  'label-content-name-mismatch': '控件的可访问名称不包含其可见文字',
  'label-title-only': '表单控件只有 title 提示，没有可见标签',
  label: '表单控件缺少标签',
  'landmark-banner-is-top-level': '页头区域（banner）嵌套在其他区域之内',
  'landmark-complementary-is-top-level': '侧栏区域（complementary）嵌套在其他区域之内',
  'landmark-contentinfo-is-top-level': '页脚区域（contentinfo）嵌套在其他区域之内',
  'landmark-main-is-top-level': '主要内容区域（main）嵌套在其他区域之内',
  'landmark-no-duplicate-banner': '页面有多个页头区域（banner）',
  'landmark-no-duplicate-contentinfo': '页面有多个页脚区域（contentinfo）',
  'landmark-no-duplicate-main': '页面有多个主要内容区域（main）',
  'landmark-one-main': '页面缺少主要内容区域（main）',
  'landmark-unique': '同类页面区域没有可区分的名称',
  'link-in-text-block': '正文中的链接只靠颜色与文字区分',
  'link-name': '链接没有可辨识的名称',
  list: '列表（<ul>/<ol>）内含非列表项元素',
  listitem: '列表项（<li>）不在列表之内',
  marquee: '使用了滚动的 <marquee> 元素',
  'meta-refresh': '页面定时自动刷新或跳转',
  'meta-refresh-no-exceptions': '页面定时自动刷新或跳转',
  'meta-viewport': '页面禁止缩放（viewport 设置了 user-scalable=no 或 maximum-scale 过小）',
  'meta-viewport-large': '页面不允许放大到 500%',
  'nested-interactive': '可操作控件相互嵌套',
  'no-autoplay-audio': '音视频自动播放声音且无法停止',
  'object-alt': '嵌入对象（<object>）缺少替代文本',
  'p-as-heading': '用加粗或放大的段落代替了标题元素',
  'page-has-heading-one': '页面缺少一级标题（h1）',
  'presentation-role-conflict': '标为装饰的元素仍可被读屏软件或键盘访问',
  region: '部分内容不在任何页面区域（landmark）之内',
  'role-img-alt': 'role=img 的元素缺少替代文本',
  'scope-attr-valid': '表格的 scope 属性用法有误',
  'scrollable-region-focusable': '可滚动区域无法用键盘访问',
  'select-name': '下拉框没有可辨识的名称',
  'server-side-image-map': '使用了服务器端图像映射',
  'skip-link': '跳转链接的目标不存在或无法获得焦点',
  'summary-name': '折叠摘要（<summary>）没有可辨识的名称',
  'svg-img-alt': 'role=img 的 SVG 图形缺少替代文本',
  tabindex: '元素的 tabindex 大于 0，打乱了键盘顺序',
  'table-duplicate-name': '表格的标题（caption）与摘要（summary）相同',
  'table-fake-caption': '用表格单元格充当表格标题',
  'target-size': '可点击目标过小（小于 24×24 像素且间距不足）',
  'td-has-header': '大型表格的数据单元格没有关联表头',
  'td-headers-attr': '单元格的 headers 属性引用了表格之外的单元格',
  'th-has-data-cells': '表头没有对应的数据单元格',
  'valid-lang': 'lang 属性的语言代码无效',
  'video-caption': '视频缺少字幕',
};

const require = createRequire(import.meta.url);
let zhHelp: Record<string, string> | null = null;

/** axe-core's own Chinese help of each rule (`axe-core/locales/zh_CN.json`), read once. */
function localeHelp(): Record<string, string> {
  if (zhHelp) return zhHelp;
  zhHelp = {};
  try {
    const locale = JSON.parse(readFileSync(require.resolve('axe-core/locales/zh_CN.json'), 'utf8')) as {
      rules?: Record<string, { help?: string }>;
    };
    for (const [id, rule] of Object.entries(locale.rules ?? {})) {
      if (rule.help) zhHelp[id] = rule.help;
    }
  } catch {
    // The locale ships with axe-core; without it the generic sentence below is used.
  }
  return zhHelp;
}

/** The problem a violation of rule `id` names, always in Chinese. */
export function axeProblem(id: string): string {
  const known = axeRuleProblems[id];
  if (known) return known;
  const help = localeHelp()[id];
  return help ? `无障碍规则 ${id} 未通过：${help}` : `无障碍规则 ${id} 未通过`;
}

/** The report's sentence for rule `id` with `outcome`. */
export function axeMessage(id: string, outcome: Outcome, careMode = false): string {
  const prefix = careMode ? '关怀模式下：' : '';
  const known = axeRuleProblems[id];
  const help = localeHelp()[id];
  switch (outcome) {
    case 'violation':
      return prefix + axeProblem(id);
    case 'review':
      return `${prefix}需人工确认：${known ? `可能${known}` : axeProblem(id)}`;
    case 'pass':
      return `${prefix}通过：${known ? `未发现“${known}”` : (help ?? `无障碍规则 ${id}`)}`;
    case 'inapplicable':
      return `${prefix}不适用（页面没有此规则检查的元素）：${known ?? help ?? `无障碍规则 ${id}`}`;
  }
}
