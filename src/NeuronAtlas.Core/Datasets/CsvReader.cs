using System.Text;

namespace NeuronAtlas.Core.Datasets;

/// <summary>Reads RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks.</summary>
public static class CsvReader
{
    public static IEnumerable<string[]> ReadRows(TextReader reader)
    {
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, any = false;
        int ch;
        while ((ch = reader.Read()) != -1)
        {
            char c = (char)ch;
            any = true;
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"') { field.Append('"'); reader.Read(); }
                    else quoted = false;
                }
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && reader.Peek() == '\n') reader.Read();
                row.Add(field.ToString()); field.Clear();
                yield return row.ToArray();
                row.Clear();
                any = false;
            }
            else field.Append(c);
        }
        if (quoted) throw new InvalidDataException("CSV ends inside a quoted field.");
        if (any) { row.Add(field.ToString()); yield return row.ToArray(); }
    }
}
