using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NeuronAtlas.Core.Catalog.Entities;

namespace NeuronAtlas.Core.Catalog.Configurations;

internal sealed class DatasetPassCheckpointConfiguration : IEntityTypeConfiguration<DatasetPassCheckpoint>
{
    public void Configure(EntityTypeBuilder<DatasetPassCheckpoint> checkpoint)
    {
        checkpoint.HasKey(c => c.ModelId);
        checkpoint.Property(c => c.UpdatedAt).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
    }
}
