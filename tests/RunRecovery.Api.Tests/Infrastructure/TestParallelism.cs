// Test classes run one after another, not in parallel. Each class boots its own host, and Hangfire keeps one
// log provider per process (GlobalConfiguration), set by whichever host configured it last: when that host is
// disposed while another is still serving, the survivor's Hangfire calls can hit the disposed logger factory
// (ObjectDisposedException, seen as a rare 500 on upload and a failed readiness test in full parallel runs).
// Sequential classes remove that interleaving; the cost is a longer Api.Tests run (docs/architecture.md, Tests).
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
