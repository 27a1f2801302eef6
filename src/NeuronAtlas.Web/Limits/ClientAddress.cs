using System.Net;

namespace NeuronAtlas.Web.Limits;

/// <summary>
/// Who a request comes from, for rate limits: the connection's address, which the forwarded-headers middleware has
/// already replaced with X-Forwarded-For when the connection is a configured proxy. An IPv6 client is its /64
/// network, since one host commonly holds a whole /64.
/// </summary>
public static class ClientAddress
{
    /// <summary>The partition key of a request's client; null when the server does not know the address (an in-memory test host).</summary>
    public static string? Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);

    public static string? Of(IPAddress? address)
    {
        if (address is null) return null;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
