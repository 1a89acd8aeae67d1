// Kept apart from ./schemas so that client components can list the kinds without bundling zod.
export const trainingKinds = ['CONSUMPTION', 'PROVISION'] as const
