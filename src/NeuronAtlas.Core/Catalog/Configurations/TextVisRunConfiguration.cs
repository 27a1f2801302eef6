using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NeuronAtlas.Core.TextVis.Storage;

internal sealed class TextVisRunConfiguration : IEntityTypeConfiguration<TextVisRun>
{
    public void Configure(EntityTypeBuilder<TextVisRun> run)
    {
        run.ToTable("TextVisRuns");
        run.HasKey(r => r.ModelId);
        run.Property(r => r.UpdatedAt).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
    }
}
