namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>Waiting for a state a test arranged in another thread or request.</summary>
public static class Conditions
{
    /// <summary>Polls until <paramref name="condition"/> holds; the minute is a hang guard, not a timing assertion.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for {what}.");
            await Task.Delay(10);
        }
    }
}
