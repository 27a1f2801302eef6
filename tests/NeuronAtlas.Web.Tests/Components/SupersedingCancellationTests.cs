using NeuronAtlas.Web.Components.Shared;

namespace NeuronAtlas.Web.Tests.Components;

public sealed class SupersedingCancellationTests
{
    [Fact]
    public void A_new_run_cancels_and_disposes_the_one_it_replaces()
    {
        using var page = new CancellationTokenSource();
        using var runs = new SupersedingCancellation(page.Token);

        var first = runs.Next();
        var second = runs.Next();

        Assert.True(first.IsCancellationRequested);
        // A disposed source's token has no wait handle left to give.
        Assert.Throws<ObjectDisposedException>(() => first.WaitHandle);
        Assert.False(second.IsCancellationRequested);
    }

    [Fact]
    public void The_current_run_follows_the_page_and_ends_with_it()
    {
        using var page = new CancellationTokenSource();
        var runs = new SupersedingCancellation(page.Token);
        var run = runs.Next();

        page.Cancel();
        Assert.True(run.IsCancellationRequested);
        runs.Dispose();
        Assert.Throws<ObjectDisposedException>(() => run.WaitHandle);
    }
}
