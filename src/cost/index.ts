export { costPlugin } from './cost.plugin';
export type { CostReport } from './cost.plugin';
export { RequestCallBudget } from './call-budget';
export { capResponseSize } from './response-size';
export { costLimitExceeded, COST_LIMIT_EXCEEDED } from './cost-errors';
export type { CostLimitReason } from './cost-errors';
export { estimateOperation } from './estimate';
export type { CostEstimate, CostLimits, CostVerdict } from './estimate';
export { describePrices, FIELD_PRICES, costSentence } from './pricing';
