// Each fixture starts a real app (and a browser) on this 2-core machine: one test class at a time keeps timings honest.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
