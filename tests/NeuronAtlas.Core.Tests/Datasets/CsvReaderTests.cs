using NeuronAtlas.Core.Datasets;

namespace NeuronAtlas.Core.Tests.Datasets;

public class CsvReaderTests
{
    [Fact]
    public void Reads_quoted_fields_with_commas_quotes_and_newlines()
    {
        var rows = CsvReader.ReadRows(new StringReader("file,label\r\na.jpg,\"cat, face\"\nb.jpg,\"say \"\"hi\"\"\nthere\"\nc.jpg,plain")).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal(["a.jpg", "cat, face"], rows[1]);
        Assert.Equal(["b.jpg", "say \"hi\"\nthere"], rows[2]);
        Assert.Equal(["c.jpg", "plain"], rows[3]);
    }

    [Fact]
    public void An_unterminated_quote_is_an_error() =>
        Assert.Throws<InvalidDataException>(() => CsvReader.ReadRows(new StringReader("a,\"b")).ToList());
}
