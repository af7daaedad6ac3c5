import { group, item, WEB_MEDIA, type DomainTemplate } from './template-kit.js';

/** 义务教育: the starter tree most local catalogues of this domain carry. */
export const compulsoryEducation: DomainTemplate = {
  code: 'compulsoryEducation',
  name: '义务教育',
  ministry: '教育部',
  items: [
    group('招生入学', [
      item(
        '招生入学政策',
        '招生范围、招生对象、报名条件、报名时间、所需材料、录取办法',
        '《中华人民共和国义务教育法》第十二条',
        '县级教育行政部门',
        { timeLimit: '招生工作开始前', channels: WEB_MEDIA, process: '决策' },
      ),
      item('学区划分', '学校名称、对应学区范围', '《中华人民共和国义务教育法》', '县级教育行政部门', {
        timeLimit: '招生工作开始前',
        channels: ['政府网站', '两微一端', '社区/企事业单位/村公示栏（电子屏）'],
        process: '决策',
      }),
    ]),
    group('学生资助', [
      item(
        '资助政策',
        '资助项目、资助对象、资助标准、申请程序',
        '《学生资助资金管理办法》',
        '县级教育行政部门；学校',
        { town: true, process: '决策' },
      ),
      item('资助名单', '受助学生、资助项目、资助金额', '《学生资助资金管理办法》', '学校', {
        channels: ['公开查阅点', '社区/企事业单位/村公示栏（电子屏）'],
        audience: '特定群众',
        process: '结果',
      }),
    ]),
  ],
};
