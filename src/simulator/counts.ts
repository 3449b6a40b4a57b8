/** Request counts keyed by `METHOD /route/template`, read by tests through `GET /__sim/counts`. */
export class Counts {
  private readonly byEndpoint = new Map<string, number>();
  private total = 0;

  record(endpoint: string): void {
    this.total++;
    this.byEndpoint.set(endpoint, (this.byEndpoint.get(endpoint) ?? 0) + 1);
  }

  snapshot(): { total: number; byEndpoint: Record<string, number> } {
    return { total: this.total, byEndpoint: Object.fromEntries(this.byEndpoint) };
  }

  clear(): void {
    this.byEndpoint.clear();
    this.total = 0;
  }
}
