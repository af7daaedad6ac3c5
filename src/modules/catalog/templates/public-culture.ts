import { group, item, WEB_MEDIA, type DomainTemplate } from './template-kit.js';

/** 公共文化服务: the starter tree most local catalogues of this domain carry. */
export const publicCulture: DomainTemplate = {
  code: 'publicCulture',
  name: '公共文化服务',
  ministry: '文化和旅游部',
  items: [
    group('公共文化设施', [
      item(
        '公共文化设施名录及开放信息',
        '图书馆、文化馆、综合文化站名称、地址、开放时间、服务项目、联系方式',
        '《中华人民共和国公共文化服务保障法》第三十一条',
        '县级文化和旅游部门；乡镇综合文化站',
        {
          channels: ['政府网站', '两微一端', '社区/企事业单位/村公示栏（电子屏）'],
          town: true,
          process: '服务',
        },
      ),
    ]),
    group('文化活动', [
      item(
        '公益性文化活动',
        '活动名称、时间、地点、内容、参与方式',
        '《中华人民共和国公共文化服务保障法》',
        '县级文化和旅游部门；乡镇人民政府',
        { timeLimit: '活动开展前及时公开', channels: WEB_MEDIA, town: true, process: '服务' },
      ),
      item(
        '非物质文化遗产名录',
        '项目名称、类别、保护单位、代表性传承人',
        '《中华人民共和国非物质文化遗产法》',
        '县级文化和旅游部门',
        { process: '结果' },
      ),
    ]),
  ],
};
