namespace NeuronAtlas.Web.Limits;

/// <summary>Endpoint metadata: requests to the endpoint take a token from the client's bucket of <see cref="Policy"/>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RateLimitedAttribute(RateLimitPolicy policy) : Attribute
{
    public RateLimitPolicy Policy { get; } = policy;
}
