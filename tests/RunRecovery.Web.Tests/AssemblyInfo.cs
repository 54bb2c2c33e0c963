// Test classes run one after another: each boots its own service, and Hangfire resolves job classes through a
// process-wide activator (the last host built), so two hosts alive at once could run one host's scoring job
// against the other's database. One host at a time keeps the end-to-end scoring deterministic.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
