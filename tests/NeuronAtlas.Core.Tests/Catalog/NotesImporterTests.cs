using NeuronAtlas.Core.Catalog;

namespace NeuronAtlas.Core.Tests.Catalog;

public class NotesImporterTests
{
    [Fact]
    public void Front_matter_label_is_split_from_the_markdown_body()
    {
        var (label, body) = NotesImporter.SplitFrontMatter("---\nlabel: \"Dog faces\"\nauthor: me\n---\n\nFires on **dogs**.\n");
        Assert.Equal("Dog faces", label);
        Assert.Equal("Fires on **dogs**.\n", body);
    }

    [Fact]
    public void A_note_without_front_matter_is_all_body()
    {
        var (label, body) = NotesImporter.SplitFrontMatter("Just text.\r\nMore.");
        Assert.Null(label);
        Assert.Equal("Just text.\nMore.", body);
    }
}
