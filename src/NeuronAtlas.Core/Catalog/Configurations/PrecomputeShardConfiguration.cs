using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NeuronAtlas.Core.Catalog.Entities;

namespace NeuronAtlas.Core.Catalog.Configurations;

internal sealed class PrecomputeShardConfiguration : IEntityTypeConfiguration<PrecomputeShard>
{
    public void Configure(EntityTypeBuilder<PrecomputeShard> shard)
    {
        shard.HasKey(s => new { s.Kind, s.ModelId });
        shard.Property(s => s.CompletedAt).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
    }
}
