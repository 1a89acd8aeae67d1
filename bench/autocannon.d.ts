/** The part of autocannon's API the benchmark uses (the package ships no types). */
declare module 'autocannon' {
  type Result = {
    requests: { total: number }
    throughput: { total: number }
    errors: number
    timeouts: number
    /** Responses whose status was not 2xx. */
    non2xx: number
  }
  type Options = {
    url: string
    connections: number
    duration: number
    headers?: Record<string, string>
    method?: string
    body?: string
    requests?: {
      setupRequest?: (request: { headers?: Record<string, string> }) => { headers?: Record<string, string> }
    }[]
  }
  type Instance = {
    on(
      event: 'response',
      listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void,
    ): void
  }
  export default function autocannon(
    options: Options,
    callback: (error: Error | null, result: Result) => void,
  ): Instance
}
