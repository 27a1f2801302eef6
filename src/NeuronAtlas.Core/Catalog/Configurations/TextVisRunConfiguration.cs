using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using NeuronAtlas.Core.Catalog.Entities;

namespace NeuronAtlas.Core.Catalog.Configurations;

internal sealed class TextVisRunConfiguration : IEntityTypeConfiguration<TextVisRun>
{
    public void Configure(EntityTypeBuilder<TextVisRun> run)
    {
        run.ToTable("TextVisRuns");
        run.HasKey(r => r.ModelId);
        run.Property(r => r.UpdatedAt).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
    }
}
