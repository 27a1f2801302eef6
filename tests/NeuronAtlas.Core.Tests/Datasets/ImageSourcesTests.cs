using NeuronAtlas.Core.Datasets;

namespace NeuronAtlas.Core.Tests.Datasets;

public sealed class ImageSourcesTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("neuronatlas-sources-");

    private string Folder(string name, params string[] files)
    {
        var folder = Path.Combine(_root.FullName, name);
        foreach (var file in files)
        {
            var path = Path.Combine(folder, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(name + "/" + file));
        }
        return folder;
    }

    [Fact]
    public void Names_joined_by_plus_read_one_after_another_in_order()
    {
        var a = Folder("a", "cat/1.png", "dog/2.png");
        var b = Folder("b", "word/3.png");
        using var source = ImageSources.Open(a + "+" + b, _root.FullName);

        Assert.Equal(3, source.Count);
        Assert.Equal("a+b", source.Name);
        Assert.Equal(["cat", "dog", "word"], Enumerable.Range(0, 3).Select(i => source.Describe(i).Label));
        Assert.Equal("b/word/3.png", System.Text.Encoding.UTF8.GetString(source.ReadBytes(2)));
        Assert.Equal("a/dog/2.png", System.Text.Encoding.UTF8.GetString(source.ReadBytes(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => source.Describe(3));
    }

    [Fact]
    public void A_missing_part_names_itself()
    {
        var a = Folder("a", "cat/1.png");
        var error = Assert.Throws<DirectoryNotFoundException>(() => ImageSources.Open(a + "+no-such-dataset", _root.FullName));
        Assert.Contains("no-such-dataset", error.Message);
    }

    public void Dispose() => _root.Delete(recursive: true);
}
