namespace NeuronAtlas.Bench;

/// <summary>
/// This CPU's theoretical peak FP32 FLOP/s: cores x FP32 lanes per vector x 2 (a fused multiply-add is 2 FLOPs)
/// x FMA units per core x clock. Lanes and FMA support come from /proc/cpuinfo's flags, the clock from its
/// "cpu MHz" (on a virtual machine, the nominal clock the hypervisor reports; turbo is not visible).
/// FMA units per core are not in /proc/cpuinfo: they are an assumption, stated with the figure.
/// </summary>
internal sealed record CpuPeak(int Cores, string Isa, int Lanes, int FmaUnits, double ClockGHz, string FmaUnitsReason)
{
    public double GigaFlops => Cores * Lanes * 2.0 * FmaUnits * ClockGHz;

    public string Derivation =>
        $"{Cores} cores x {Lanes} FP32 lanes ({Isa}) x 2 FLOPs per FMA x {FmaUnits} FMA units per core x {ClockGHz:F2} GHz = {GigaFlops:F1} GFLOP/s";

    public static CpuPeak FromCpuInfo(int? fmaUnitsOverride = null)
    {
        var lines = File.Exists("/proc/cpuinfo") ? File.ReadAllLines("/proc/cpuinfo") : [];
        string Field(string name) => lines.FirstOrDefault(l => l.StartsWith(name) && l[name.Length..].TrimStart().StartsWith(':'))?.Split(':', 2)[1].Trim()
            ?? throw new InvalidOperationException($"/proc/cpuinfo has no '{name}': cannot derive the peak on this machine.");
        var flags = Field("flags").Split(' ').ToHashSet();
        var (isa, lanes) = flags.Contains("avx512f") ? ("AVX-512", 16)
            : flags.Contains("avx2") && flags.Contains("fma") ? ("AVX2 + FMA", 8)
            : throw new InvalidOperationException("Neither avx512f nor avx2 + fma in /proc/cpuinfo: no FMA peak to derive.");
        var clock = double.Parse(Field("cpu MHz"), System.Globalization.CultureInfo.InvariantCulture) / 1000;
        var (units, reason) = fmaUnitsOverride is { } given ? (given, "given with --fma-units") : AssumedFmaUnits(Field("vendor_id"), Field("cpu family"), Field("model"), lanes);
        return new CpuPeak(Environment.ProcessorCount, isa, lanes, units, clock, reason);
    }

    /// <summary>
    /// Intel Xeon Scalable parts (Skylake-SP to Emerald Rapids, family 6) with AVX-512 have two 512-bit FMA units per
    /// core on the Gold and Platinum SKUs that cloud machines use (ports 0+1 fused, and port 5); AVX2-only cores
    /// (Haswell on, Zen 2 on) have two 256-bit FMA units. The model name does not tell the SKU under a hypervisor.
    /// </summary>
    private static (int Units, string Reason) AssumedFmaUnits(string vendor, string family, string model, int lanes)
    {
        int[] xeonScalable = [85, 106, 108, 143, 207];
        if (vendor == "GenuineIntel" && family == "6" && lanes == 16 && xeonScalable.Contains(int.Parse(model)))
            return (2, $"assumed: Intel family 6 model {model} (Xeon Scalable) Gold/Platinum have two AVX-512 FMA units per core");
        return (2, $"assumed: two FMA units per core, as on most {(lanes == 16 ? "AVX-512" : "AVX2")} server cores ({vendor} family {family} model {model}); check with the measured loop");
    }
}
