import { group, item, NOTICE, WEB_DESK, type DomainTemplate } from './template-kit.js';

/** 城乡规划: the starter tree most local catalogues of this domain carry. */
export const urbanRuralPlanning: DomainTemplate = {
  code: 'urbanRuralPlanning',
  name: '城乡规划',
  ministry: '自然资源部',
  items: [
    group('规划编制', [
      item(
        '国土空间总体规划',
        '规划草案（公示稿）、征求意见情况、批准后的规划文本和图件',
        '《中华人民共和国城乡规划法》第八条、第二十六条',
        '县级自然资源主管部门',
        { timeLimit: '规划批准之日起20个工作日内', channels: WEB_DESK, process: '决策' },
      ),
      item(
        '村庄规划',
        '规划草案、村民意见、批准后的规划成果',
        '《中华人民共和国城乡规划法》第二十二条',
        '乡镇人民政府',
        { channels: NOTICE, town: true, process: '决策' },
      ),
    ]),
    group('规划许可', [
      item(
        '建设工程规划许可',
        '项目名称、建设单位、建设位置、建设规模、许可证编号、总平面图',
        '《中华人民共和国城乡规划法》第四十条',
        '县级自然资源主管部门',
        { itemType: '政务服务事项', process: '结果' },
      ),
      item(
        '乡村建设规划许可',
        '申请人、建设位置、用地面积、建筑面积、许可证编号',
        '《中华人民共和国城乡规划法》第四十一条',
        '县级自然资源主管部门；乡镇人民政府',
        { channels: NOTICE, town: true, itemType: '政务服务事项', process: '结果' },
      ),
    ]),
  ],
};
