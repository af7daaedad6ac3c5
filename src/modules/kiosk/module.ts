import type { GongkaiModule } from '../../platform/module.js';
import { registerKioskRoutes } from './kiosk.portal.routes.js';

/** Village screens (村（社区）宣传屏, issue 16 §3): no tables, only what other modules publish. */
export const kioskModule: GongkaiModule = {
  name: 'kiosk',
  label: '村（社区）信息公开屏',
  routes: (app) => registerKioskRoutes(app),
  portalColumnEntries: [
    {
      column: 'digital',
      title: '村（社区）信息公开屏',
      href: '/kiosk',
      text: '村（社区）宣传屏全屏轮播本村（社区）事务公开、所在镇（街道）的通知公告和最新信息，断网时继续显示最近的内容。',
    },
  ],
};
