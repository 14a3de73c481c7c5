import type { OnboardingRequest } from "../participants/participants.service.js";

/**
 * The demo network `npm start` onboards on its fresh embedded database: two core enterprises, suppliers on
 * three tiers, two banks, the tax authority, a guarantor and a regulator. Tax ids are the reference tax
 * service's style (18 characters); they are made up.
 */
export const DEMO_ORGANISATIONS: OnboardingRequest[] = [
  { name: "Municipal Tax Bureau", roles: ["tax_authority"], region: "Wuhan" },
  { name: "City Financial Regulator", roles: ["regulator"], region: "Wuhan" },
  { name: "Wuhan Auto Group", taxId: "91420100DEMOAUTO01", roles: ["core_enterprise"], region: "Wuhan", industry: "automotive" },
  { name: "Hubei Steel Works", taxId: "91420100DEMOSTEEL1", roles: ["core_enterprise"], region: "Huangshi", industry: "steel" },
  { name: "Jianghan Parts Co. (tier 1)", taxId: "91420100DEMOTIER11", roles: ["supplier"], region: "Wuhan", industry: "automotive parts" },
  { name: "Hanyang Castings (tier 2)", taxId: "91420100DEMOTIER21", roles: ["supplier"], region: "Wuhan", industry: "castings" },
  { name: "Qiaokou Fasteners (tier 3)", taxId: "91420100DEMOTIER31", roles: ["supplier"], region: "Xiaogan", industry: "fasteners" },
  { name: "Yangtze Commercial Bank", roles: ["bank"], region: "Wuhan" },
  { name: "Central China Bank", roles: ["bank"], region: "Wuhan" },
  { name: "Provincial Credit Guarantee", roles: ["guarantor"], region: "Wuhan" },
];
