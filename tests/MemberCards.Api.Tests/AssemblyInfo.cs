// Each fixture starts the whole app on this 2-core machine: one class at a time keeps the timings and rate limits honest.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
