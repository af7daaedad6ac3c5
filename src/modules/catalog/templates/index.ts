import { VILLAGE_DOMAIN } from '../catalog.js';
import { majorProjects } from './major-projects.js';
import { publicResourceTrading } from './public-resource-trading.js';
import { budgetFinalAccounts } from './budget-final-accounts.js';
import { workSafety } from './work-safety.js';
import { disasterRelief } from './disaster-relief.js';
import { taxation } from './taxation.js';
import { urbanRuralPlanning } from './urban-rural-planning.js';
import { landExpropriation } from './land-expropriation.js';
import { housingExpropriation } from './housing-expropriation.js';
import { affordableHousing } from './affordable-housing.js';
import { ruralHousingRenovation } from './rural-housing-renovation.js';
import { municipalServices } from './municipal-services.js';
import { urbanLawEnforcement } from './urban-law-enforcement.js';
import { ecologicalEnvironment } from './ecological-environment.js';
import { publicCulture } from './public-culture.js';
import { publicLegalServices } from './public-legal-services.js';
import { socialAssistance } from './social-assistance.js';
import { elderlyCare } from './elderly-care.js';
import { householdRegistration } from './household-registration.js';
import { employment } from './employment.js';
import { socialInsurance } from './social-insurance.js';
import { compulsoryEducation } from './compulsory-education.js';
import { healthCare } from './health-care.js';
import { foodDrugSupervision } from './food-drug-supervision.js';
import { agriculturalSubsidies } from './agricultural-subsidies.js';
import { povertyAlleviation } from './poverty-alleviation.js';
import type { DomainTemplate } from './template-kit.js';
import { villageTemplate } from './village.js';

/**
 * Starter trees for the 26 pilot domains of legal.md §5.2 and the 村（社区）事务公开 list: the
 * 一级/二级事项 most local catalogues compiled from the ministries' 基层政务公开标准指引 carry,
 * with their columns filled in the usual wording. An office adopts one and then edits it to its
 * own organs and practice; nothing here is a legal text.
 */

export type { DomainTemplate, TemplateNode } from './template-kit.js';
export { villageTemplate };

/** The 26 pilot domains, in the order of legal.md §5.2. */
export const domainTemplates: readonly DomainTemplate[] = [
  majorProjects,
  publicResourceTrading,
  budgetFinalAccounts,
  workSafety,
  disasterRelief,
  taxation,
  urbanRuralPlanning,
  landExpropriation,
  housingExpropriation,
  affordableHousing,
  ruralHousingRenovation,
  municipalServices,
  urbanLawEnforcement,
  ecologicalEnvironment,
  publicCulture,
  publicLegalServices,
  socialAssistance,
  elderlyCare,
  householdRegistration,
  employment,
  socialInsurance,
  compulsoryEducation,
  healthCare,
  foodDrugSupervision,
  agriculturalSubsidies,
  povertyAlleviation,
];

/** A pilot domain's template by its code, or the village list's (`village`). */
export function domainTemplate(code: string): DomainTemplate | undefined {
  if (code === VILLAGE_DOMAIN) return villageTemplate;
  return domainTemplates.find((d) => d.code === code);
}
