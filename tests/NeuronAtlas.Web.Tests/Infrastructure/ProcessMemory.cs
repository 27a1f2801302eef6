namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>
/// The process's resident memory from /proc/self/status. Peak (VmHWM) can be reset through /proc/self/clear_refs,
/// so a test can measure the highest resident memory reached during one phase, native allocations included.
/// </summary>
public static class ProcessMemory
{
    public static long ResidentBytes => ReadKilobytes("VmRSS") * 1024;
    public static long PeakResidentBytes => ReadKilobytes("VmHWM") * 1024;

    public static void ResetPeak()
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("Measuring peak memory needs Linux's /proc/self/clear_refs.");
        File.WriteAllText("/proc/self/clear_refs", "5");
    }

    private static long ReadKilobytes(string field)
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field + ":"))
            ?? throw new InvalidOperationException($"/proc/self/status has no {field} line.");
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0]);
    }
}
