using Microsoft.Extensions.Options;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Web.Options;

namespace NeuronAtlas.Web.Extensions;

public static class AtlasOptionsExtensions
{
    /// <summary>Binds every appsettings.json section the site reads and checks it at startup, so bad limits stop the app with a clear message.</summary>
    public static void AddAtlasOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AtlasOptions>().Bind(builder.Configuration.GetSection(AtlasOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.CatalogPath), "Atlas:CatalogPath is required.")
            .Validate(o => o.PageMaxAgeSeconds >= 0, "Atlas:PageMaxAgeSeconds cannot be negative.")
            .Validate(o => o.CatalogCacheEntries >= 1, "Atlas:CatalogCacheEntries must be at least 1.")
            .Validate(o => o.PublicBaseUrl.Length == 0 || Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _),
                "Atlas:PublicBaseUrl must be empty or an absolute URL.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AtlasOptions>, AtlasLocationsValidation>();
        builder.Services.AddOptions<UploadOptions>().Bind(builder.Configuration.GetSection(UploadOptions.Section))
            .Validate(o => o.MaxBytes > 0 && o.MaxPixels > 0, "Uploads:MaxBytes and Uploads:MaxPixels must be positive.")
            .Validate(o => o.MaxConcurrentInferences >= 1, "Uploads:MaxConcurrentInferences must be at least 1.")
            .Validate(o => o.MaxConcurrentDecodes >= 1, "Uploads:MaxConcurrentDecodes must be at least 1.")
            .Validate(o => o.BatchWindowMs is >= 0 and <= 1000 && o.MaxBatchSize >= 1 && o.MaxQueuedImages >= 2,
                "Uploads:BatchWindowMs must be between 0 and 1000, MaxBatchSize at least 1 and MaxQueuedImages at least 2 (a typographic attack queues two images).")
            .Validate(o => o.QueueTimeoutMs >= 0 && o.RetryAfterSeconds >= 1, "Uploads:QueueTimeoutMs cannot be negative and RetryAfterSeconds must be at least 1.")
            .Validate(o => o.MaxBufferedBytes >= o.MaxBytes, "Uploads:MaxBufferedBytes must hold at least one upload (MaxBytes).")
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<UploadOptions>, Int8ModelsValidation>();
        builder.Services.AddOptions<RateLimitOptions>().Bind(builder.Configuration.GetSection(RateLimitOptions.Section))
            .Validate(o => o.All.All(l => l.Limit.IsValid), "Every RateLimits entry needs TokenLimit and TokensPerPeriod of at least 1 and a positive PeriodSeconds.")
            .ValidateOnStart();
        builder.Services.AddOptions<ProxyOptions>().Bind(builder.Configuration.GetSection(ProxyOptions.Section))
            .Validate(o => o.KnownProxies.All(p => System.Net.IPAddress.TryParse(p, out _)), "ForwardedHeaders:KnownProxies must be IP addresses.")
            .Validate(o => o.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), "ForwardedHeaders:KnownNetworks must be CIDR networks, e.g. 10.0.0.0/8.")
            .ValidateOnStart();
        builder.Services.AddOptions<TextEncodingOptions>().Bind(builder.Configuration.GetSection(TextEncodingOptions.Section))
            .Validate(o => o.MaxConcurrent >= 1 && o.MaxQueued >= 0, "TextEncoding:MaxConcurrent must be at least 1 and MaxQueued not negative.")
            .Validate(o => o.QueueTimeoutMs >= 0 && o.RetryAfterSeconds >= 1, "TextEncoding:QueueTimeoutMs cannot be negative and RetryAfterSeconds must be at least 1.")
            .ValidateOnStart();
        builder.Services.AddOptions<InferenceOptions>().Bind(builder.Configuration.GetSection("Inference"));
        builder.Services.AddOptions<SearchOptions>().Bind(builder.Configuration.GetSection(SearchOptions.Section))
            .Validate(o => o.DefaultTop >= 1 && o.MaxTop >= o.DefaultTop && o.MaxQueryLength >= 1,
                "Search:DefaultTop must be at least 1 and at most MaxTop; MaxQueryLength must be positive.")
            .ValidateOnStart();
        builder.Services.AddOptions<VisualizeOptions>().Bind(builder.Configuration.GetSection(VisualizeOptions.Section))
            .Validate(o => o.MaxConcurrentRuns >= 1 && o.MaxQueued >= 0, "Visualize:MaxConcurrentRuns must be at least 1 and MaxQueued not negative.")
            .Validate(o => o.QueueTimeoutSeconds >= 0 && o.RunTimeoutSeconds >= 1 && o.RendererIdleSeconds >= 0 && o.RetryAfterSeconds >= 1,
                "Visualize:QueueTimeoutSeconds and RendererIdleSeconds cannot be negative; RunTimeoutSeconds and RetryAfterSeconds must be at least 1.")
            .Validate(o => o.MaxSteps >= 1 && o.DefaultSteps >= 1 && o.DefaultSteps <= o.MaxSteps, "Visualize:DefaultSteps must be between 1 and MaxSteps.")
            .Validate(o => o.MinImageSize >= 8 && o.MinImageSize <= o.DefaultImageSize && o.DefaultImageSize <= o.MaxImageSize,
                "Visualize needs 8 <= MinImageSize <= DefaultImageSize <= MaxImageSize.")
            .Validate(o => o.ProgressImageEvery >= 1 && o.MaxObjectiveLength >= 1, "Visualize:ProgressImageEvery and MaxObjectiveLength must be positive.")
            .ValidateOnStart();
        builder.Services.AddOptions<TypographicOptions>().Bind(builder.Configuration.GetSection(TypographicOptions.Section))
            .Validate(o => o.MaxTextLength >= 1 && o.ChangedNeurons >= 1, "Typographic:MaxTextLength and ChangedNeurons must be positive.")
            .ValidateOnStart();
        builder.Services.AddOptions<ZeroShotOptions>().Bind(builder.Configuration.GetSection(ZeroShotOptions.Section))
            .Validate(o => o.CustomClassifierCacheLabels >= 0, "ZeroShot:CustomClassifierCacheLabels cannot be negative.")
            .Validate(o => o.Top >= 1 && o.MaxCustomLabels >= 2 && o.MaxCustomLabelsLength >= 1,
                "ZeroShot:Top must be at least 1, MaxCustomLabels at least 2 and MaxCustomLabelsLength positive.")
            .Validate(o => o.PromptTemplates.All(t => t?.Contains("{}") == true), "Every ZeroShot:PromptTemplates entry needs a {} slot for the label.")
            .ValidateOnStart();
    }
}
