// How big each benchmark is: the full run (about 15 minutes on a 2-core machine) and --quick, a
// smoke run that exercises every code path in a couple of minutes.

export interface BenchSizes {
  ceilingRecords: number;
  /** Records of the ceiling's thrown-away warm-up run (ceiling.ts). */
  ceilingWarmUpRecords: number;
  registrationVoters: number;
  simulatorVotes: number;
  /** Vote rates of the end-to-end steps, lowest first; stepping stops after the first unsustained step. */
  throughputRates: number[];
  stepSeconds: number;
  latencyRates: number[];
  latencySeconds: number;
  fanoutClients: number[];
  /** The fan-out size at which the page is restarted and stormed with reconnects (fanout-storm.ts). */
  stormClients: number;
  /** The election the count benchmark drains: voters (each votes once), chaos share, and whether to recount it. */
  countVoters: number;
  countChaos: number;
  countRecount: boolean;
}

export const FULL_SIZES: BenchSizes = {
  ceilingRecords: 1_000_000,
  ceilingWarmUpRecords: 500_000,
  registrationVoters: 1_000_000,
  simulatorVotes: 200_000,
  throughputRates: [2_000, 5_000, 10_000, 20_000, 25_000, 30_000, 40_000],
  stepSeconds: 30,
  latencyRates: [1_000, 5_000, 10_000],
  latencySeconds: 20,
  fanoutClients: [1_000, 5_000, 10_000],
  stormClients: 5_000,
  countVoters: 1_000_000,
  countChaos: 0.01,
  countRecount: true,
};

export const QUICK_SIZES: BenchSizes = {
  ceilingRecords: 50_000,
  ceilingWarmUpRecords: 20_000,
  registrationVoters: 30_000,
  simulatorVotes: 5_000,
  throughputRates: [500, 1_000],
  stepSeconds: 8,
  latencyRates: [500],
  latencySeconds: 8,
  fanoutClients: [100],
  stormClients: 100,
  countVoters: 20_000,
  countChaos: 0.01,
  countRecount: true,
};
