using Microsoft.Playwright;
using NeuronAtlas.Browser.Tests.Infrastructure;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Browser.Tests;

/// <summary>
/// Interactive page actions spend the same per-client allowance as the API: the live circuit knows the visitor's
/// address from the request that opened it.
/// </summary>
public sealed class RateLimitBrowserTests : IAsyncLifetime
{
    private const int SearchBurst = 2;
    private readonly TestCatalog _catalog = new();
    private AtlasWebFactory _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _app = AtlasWebFactory.StartKestrel(_catalog.Path, new Dictionary<string, string?>
        {
            ["RateLimits:Enabled"] = "true",
            ["RateLimits:Search:TokenLimit"] = SearchBurst.ToString(),
            ["RateLimits:Search:TokensPerPeriod"] = "1",
            ["RateLimits:Search:PeriodSeconds"] = "600",
        });
        (_playwright, _browser) = await DebianChromium.LaunchAsync();
    }

    [Fact]
    public async Task Search_as_you_type_is_refused_with_a_retry_message_once_the_api_spent_the_visitors_allowance()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(_app.BaseUrl! + "/search");
        await Assertions.Expect(page.Locator(".atlas-search")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 60000 });
        // The same visitor (127.0.0.1) spends the search allowance through the API.
        using var http = new HttpClient { BaseAddress = new Uri(_app.BaseUrl!) };
        for (int i = 0; i < SearchBurst; i++) (await http.GetAsync("/api/search?q=spider")).EnsureSuccessStatusCode();

        await page.Locator(".atlas-search-form input[name=q]").FillAsync("spider");

        await Assertions.Expect(page.Locator(".atlas-search-error")).ToContainTextAsync(
            new System.Text.RegularExpressions.Regex(@"Too many requests from your address; retry in \d+ s\."), new() { Timeout = 30000 });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
        _catalog.Dispose();
    }
}
