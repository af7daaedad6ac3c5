import type { GongkaiModule } from '../../platform/module.js';
import { registerCalendarCommands } from './calendar.cli.js';
import { registerCalendarRoutes } from './calendar.routes.js';
import * as calendarTables from './migrations/0003-calendar.js';

/** Working days: the State Council's holiday arrangements, shipped and entered year by year. */
export const calendarModule: GongkaiModule = {
  name: 'calendar',
  label: '工作日与节假日',
  tables: {
    calendar_year: { backup: { orderBy: 'year', key: 'year' } },
    calendar_day: { backup: { orderBy: 'date', key: 'date' } },
  },
  migrations: { '0003-calendar': calendarTables },
  audit: {
    actions: { 'calendar.enterNotice': '录入节假日安排' },
    subjects: { calendarYear: '节假日安排' },
    fields: { notice: '通知', holidays: '放假', workdays: '调休上班', from: '起', to: '止' },
  },
  routes: registerCalendarRoutes,
  cli: registerCalendarCommands,
};
