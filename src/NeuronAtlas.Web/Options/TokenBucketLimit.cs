namespace NeuronAtlas.Web.Options;

/// <summary>
/// One client's allowance for one kind of request: up to <see cref="TokenLimit"/> requests at once, refilled by
/// <see cref="TokensPerPeriod"/> every <see cref="PeriodSeconds"/>. A request without a token is refused with 429.
/// </summary>
public sealed class TokenBucketLimit
{
    /// <summary>The burst: requests a client with a full bucket may send at once.</summary>
    public int TokenLimit { get; set; }

    /// <summary>Tokens added every period.</summary>
    public int TokensPerPeriod { get; set; }

    /// <summary>The refill period, in seconds.</summary>
    public double PeriodSeconds { get; set; }

    public bool IsValid => TokenLimit >= 1 && TokensPerPeriod >= 1 && PeriodSeconds > 0;
}
