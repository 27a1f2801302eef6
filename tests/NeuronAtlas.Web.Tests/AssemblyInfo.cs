// Memory is measured per process in the hostile-upload tests, so test classes must not run at the same time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
