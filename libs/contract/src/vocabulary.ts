import { z } from 'zod';

export const UNIT_LEVELS = ['ministry', 'province', 'district', 'commune'] as const;
export const CASE_CATEGORIES = [
  'social_order',
  'drugs',
  'smuggling',
  'fireworks',
  'human_trafficking',
  'economic',
  'cyber',
  'environment',
  'other',
] as const;
export const CASE_SEVERITIES = ['less_serious', 'serious', 'very_serious', 'especially_serious'] as const;
export const HOTSPOT_KINDS = ['drug_hotspot', 'drug_retail_point', 'complex_area'] as const;
export const WEAPON_KINDS = ['firearm', 'explosive', 'support_tool', 'homemade'] as const;
export const INCIDENT_KINDS = ['traffic_accident', 'fire_explosion'] as const;
export const COMPARATORS = ['atLeast', 'atMost'] as const;

export const UnitLevelSchema = z.enum(UNIT_LEVELS);
export const CaseCategorySchema = z.enum(CASE_CATEGORIES);
export const CaseSeveritySchema = z.enum(CASE_SEVERITIES);
export const HotspotKindSchema = z.enum(HOTSPOT_KINDS);
export const WeaponKindSchema = z.enum(WEAPON_KINDS);
export const IncidentKindSchema = z.enum(INCIDENT_KINDS);
export const ComparatorSchema = z.enum(COMPARATORS);

export type UnitLevel = z.infer<typeof UnitLevelSchema>;
export type CaseCategory = z.infer<typeof CaseCategorySchema>;
export type CaseSeverity = z.infer<typeof CaseSeveritySchema>;
export type HotspotKind = z.infer<typeof HotspotKindSchema>;
export type WeaponKind = z.infer<typeof WeaponKindSchema>;
export type IncidentKind = z.infer<typeof IncidentKindSchema>;
export type Comparator = z.infer<typeof ComparatorSchema>;
