// Kept apart from ./schemas so that client components can list the parties without bundling zod.
export const terminationParties = ['SEGPRES', 'INSTITUTION'] as const
