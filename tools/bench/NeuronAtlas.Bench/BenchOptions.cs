namespace NeuronAtlas.Bench;

internal sealed record BenchOptions(int Images, string Dataset, string? Url, int Seconds)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Get(string name) { int i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
        return new BenchOptions(
            Images: int.TryParse(Get("--images"), out int n) ? n : 512,
            Dataset: Get("--dataset") ?? "emoji",
            Url: Get("--url"),
            Seconds: int.TryParse(Get("--seconds"), out int s) ? s : 10);
    }
}
