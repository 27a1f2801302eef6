using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NeuronAtlas.Core;
using NeuronAtlas.Web.Tests.Infrastructure;
using static NeuronAtlas.Web.Tests.Deployment.KubernetesManifests;

namespace NeuronAtlas.Web.Tests.Deployment;

/// <summary>deploy/k8s parses, and its pieces agree with each other, with the container image and with the app's routes.</summary>
public sealed class KubernetesManifestTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static JsonObject Web => Named("Deployment", "neuronatlas-web");
    private static JsonObject WebContainer => Containers(Web).Single();

    [Fact]
    public void Every_document_is_a_named_resource()
    {
        Assert.True(All.Count >= 12, $"only {All.Count} documents under deploy/k8s");
        Assert.All(All, d =>
        {
            Assert.False(string.IsNullOrEmpty((string?)d.Document["apiVersion"]), d.File);
            Assert.False(string.IsNullOrEmpty((string?)d.Document["kind"]), d.File);
            Assert.Matches("^[a-z0-9-]+$", Name(d.Document));
        });
        Assert.Equal(All.Count, All.Select(d => $"{d.Document["kind"]}/{Name(d.Document)}").Distinct().Count());
    }

    [Fact]
    public void The_web_deployment_selects_its_pods_runs_two_replicas_and_is_exposed_by_the_service_and_ingress()
    {
        Assert.True(int.Parse((string)Web["spec"]!["replicas"]!) >= 2);
        var podLabels = Labels(Web["spec"]!["template"]!["metadata"]!["labels"]);
        Assert.Subset(podLabels, Labels(Web["spec"]!["selector"]!["matchLabels"]));

        var service = Named("Service", "neuronatlas-web");
        Assert.Subset(podLabels, Labels(service["spec"]!["selector"]));
        var servicePort = service["spec"]!["ports"]!.AsArray().Single()!;
        Assert.Equal(ContainerPortName, (string)servicePort["targetPort"]!);

        var backend = Named("Ingress", "neuronatlas-web")["spec"]!["rules"]!.AsArray().Single()!["http"]!["paths"]!.AsArray().Single()!["backend"]!["service"]!;
        Assert.Equal(Name(service), (string)backend["name"]!);
        Assert.Equal((string)servicePort["name"]!, (string)backend["port"]!["name"]!);
    }

    [Fact]
    public async Task Probes_ask_a_route_the_app_answers_on_the_port_it_listens_on()
    {
        foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
        {
            var get = WebContainer[probe]!["httpGet"]!;
            Assert.Equal(ContainerPortName, (string)get["port"]!);
            var response = await app.Client.GetAsync((string)get["path"]!);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{probe} {get["path"]}: {(int)response.StatusCode}");
        }
        Assert.Equal(ContainerPort, Env(WebContainer)["ASPNETCORE_HTTP_PORTS"]);
        var dockerfile = File.ReadAllText(Path.Combine(AtlasPaths.FindRoot(), "deploy", "docker", "web.Dockerfile"));
        Assert.Contains($"EXPOSE {ContainerPort}", dockerfile);
        Assert.Contains($"ASPNETCORE_HTTP_PORTS={ContainerPort}", dockerfile);
        Assert.Matches(@"HEALTHCHECK .*""--healthcheck""", dockerfile);
    }

    [Fact]
    public void Web_replicas_share_the_catalog_read_only_and_its_configured_path_lies_on_that_mount()
    {
        var mounts = Mounts(WebContainer);
        var catalog = Env(WebContainer)["Atlas__CatalogPath"];
        var catalogMount = mounts.Single(m => catalog.StartsWith((string)m["mountPath"]! + "/"));
        Assert.Equal("true", (string?)catalogMount["readOnly"]);
        var volume = Volumes(Web)[(string)catalogMount["name"]!];
        Assert.Equal("true", (string?)volume["persistentVolumeClaim"]!["readOnly"]);
        Assert.Equal("true", (string?)WebContainer["securityContext"]!["readOnlyRootFilesystem"]);
        Assert.Equal("true", (string?)Web["spec"]!["template"]!["spec"]!["securityContext"]!["runAsNonRoot"]);
    }

    [Fact]
    public void Every_mount_names_a_volume_of_its_pod_and_every_claim_is_declared()
    {
        var claims = OfKind("PersistentVolumeClaim").Select(Name).ToHashSet();
        foreach (var workload in OfKind("Deployment").Concat(OfKind("Job")))
        {
            var volumes = Volumes(workload);
            foreach (var mount in Containers(workload).SelectMany(Mounts))
                Assert.True(volumes.ContainsKey((string)mount["name"]!), $"{Name(workload)} mounts {mount["name"]}, which its pod lacks");
            foreach (var claim in volumes.Values.Select(v => (string?)v["persistentVolumeClaim"]?["claimName"]).OfType<string>())
                Assert.Contains(claim, claims);
        }
    }

    [Theory]
    [InlineData("neuronatlas-dataset-pass", "neuronatlas-dataset-pass-merge")]
    [InlineData("neuronatlas-feature-vis", "neuronatlas-feature-vis-merge")]
    [InlineData("neuronatlas-text-vis", "neuronatlas-text-vis-merge")]
    public void Indexed_jobs_run_one_shard_per_completion_and_their_merge_job_reads_every_shard(string jobName, string mergeName)
    {
        var job = Named("Job", jobName);
        var spec = job["spec"]!;
        Assert.Equal("Indexed", (string)spec["completionMode"]!);
        int completions = int.Parse((string)spec["completions"]!);
        Assert.InRange(int.Parse((string)spec["parallelism"]!), 1, completions);
        var command = CommandLine(Containers(job).Single());
        Assert.Matches($@"--shard-count {completions}\b", command);
        var shard = Regex.Match(command, @"/catalogs/\S*shard-\$JOB_COMPLETION_INDEX\.db");
        Assert.True(shard.Success, $"{jobName} writes no per-index shard catalog: {command}");
        var catalogs = Mounts(Containers(job).Single()).Single(m => shard.Value.StartsWith((string)m["mountPath"]! + "/"));
        Assert.NotEqual("true", (string?)catalogs["readOnly"]);

        var merge = CommandLine(Containers(Named("Job", mergeName)).Single());
        Assert.Contains(" merge --out ", merge);
        Assert.Contains(shard.Value.Replace("$JOB_COMPLETION_INDEX", "*"), merge);
    }

    [Fact]
    public void Each_step_reads_the_catalog_the_step_before_it_wrote_and_the_last_publishes_a_version_the_web_can_point_at()
    {
        string Merged(string mergeJob) => Regex.Match(CommandLine(Containers(Named("Job", mergeJob)).Single()), @"merge --out (\S+)").Groups[1].Value;
        Assert.Contains(Merged("neuronatlas-dataset-pass-merge"), CommandLine(Containers(Named("Job", "neuronatlas-feature-vis")).Single()));
        Assert.Contains(Merged("neuronatlas-feature-vis-merge"), CommandLine(Containers(Named("Job", "neuronatlas-text-vis")).Single()));
        var publish = CommandLine(Containers(Named("Job", "neuronatlas-text-vis-merge")).Single());
        Assert.Matches(@"mv /catalogs/\$ATLAS_RUN/atlas\.db\.copy /catalogs/\$ATLAS_RUN/atlas\.db", publish);
        Assert.Matches(@"^/catalogs/v\d+/atlas\.db$", Env(WebContainer)["Atlas__CatalogPath"]);
    }

    private static string ContainerPortName => (string)WebContainer["ports"]!.AsArray().Single()!["name"]!;
    private static string ContainerPort => (string)WebContainer["ports"]!.AsArray().Single()!["containerPort"]!;

    /// <summary>Labels as "key=value" entries, so a selector is a subset of the labels it matches.</summary>
    private static HashSet<string> Labels(JsonNode? node) => node!.AsObject().Select(p => $"{p.Key}={(string)p.Value!}").ToHashSet();

    private static Dictionary<string, string> Env(JsonObject container) =>
        container["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => (string)e!["value"]!);

    private static IEnumerable<JsonObject> Mounts(JsonObject container) => container["volumeMounts"]!.AsArray().Select(m => m!.AsObject());

    private static Dictionary<string, JsonObject> Volumes(JsonNode workload) =>
        PodSpec(workload)["volumes"]!.AsArray().ToDictionary(v => (string)v!["name"]!, v => v!.AsObject());
}
