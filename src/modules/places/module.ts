import type { GongkaiModule } from '../../platform/module.js';
import * as placesTables from './migrations/0037-places.js';
import { registerPlacesAdminRoutes } from './places.admin.routes.js';
import { registerPlacesCommands } from './places.cli.js';
import { registerPlacesPortalRoutes } from './places.portal.routes.js';
import { placesSettings } from './places.settings.js';

/** 查阅点、公开栏 and the other places on the public map, with navigation links (issue 16 §1–2). */
export const placesModule: GongkaiModule = {
  name: 'places',
  label: '查阅点与公开栏',
  tables: {
    place: { backup: { orderBy: 'id' } },
    place_photo: { backup: { orderBy: 'id' } },
  },
  migrations: { '0037-places': placesTables },
  settings: placesSettings,
  audit: {
    actions: {
      'place.create': '新增查阅点或公开栏',
      'place.update': '修改查阅点或公开栏',
      'place.close': '撤销查阅点或公开栏',
      'place.reopen': '恢复查阅点或公开栏',
      'place.photo': '上传地点照片',
      'place.removePhoto': '删除地点照片',
      'place.import': '导入查阅点和公开栏',
    },
    subjects: { place: '查阅点或公开栏', placeImport: '地点导入' },
    fields: { name: '名称', kind: '类型', caption: '照片说明' },
  },
  routes: (app) => {
    registerPlacesPortalRoutes(app);
    registerPlacesAdminRoutes(app);
  },
  cli: registerPlacesCommands,
  portalColumnEntries: [
    {
      column: 'digital',
      title: '信息公开查阅点地图',
      href: '/places',
      text: '全市政府信息公开查阅点、政务公开专区、公开栏和便民服务站的地址、开放时间和电话，在手机上可一键导航前往。',
    },
  ],
};
