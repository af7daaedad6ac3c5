/** A valid application form (the standard's own example 身份证号), with fields to override. */
export function application(agencyId: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    agencyId,
    applicantType: 'naturalPerson',
    applicantName: '张三',
    idType: 'residentIdCard',
    idNumber: '11010519491231002X',
    phone: '13800595678',
    address: '福建省晋江市青阳街道某路 1 号',
    description: '2020 年本市道路改造工程的立项批复文件',
    deliveryFormat: 'electronic',
    deliveryMethod: 'online',
    ...extra,
  };
}
