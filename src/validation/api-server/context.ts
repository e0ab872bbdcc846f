import { FeatureGates } from './gates';

/** What pod validation depends on besides the object (PodValidationOptions and the gates). */
export interface PodValidationContext {
  readonly gates: FeatureGates;
}
